"""The base of the commands a person runs by hand against the tracker's database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


class TrackerCommand(BaseCommand):
    """Refuses, with the command to run, a database whose tables are missing or out of date.

    Without it the first query of a new checkout's command is a traceback about a missing table.
    """

    def execute(self, *args, **options):
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if waiting:
            raise CommandError(
                f"The database has {len(waiting)} migration(s) to apply: run "
                "`python manage.py migrate` first (`make run` does it and loads the demo data)."
            )
        return super().execute(*args, **options)
