"""The commands a person runs by hand refuse a database that is not migrated, with what to run."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.executor import MigrationExecutor

HAND_RUN = [
    ("load_demo",),
    ("load_reference",),
    ("create_demo_users",),
    ("remove_examples",),
    ("deliver_outbox",),
    ("import_statement", "statement.md"),
    ("score_importer", "gold.json", "statements"),
]


@pytest.mark.parametrize("command", HAND_RUN, ids=lambda c: c[0])
def test_a_command_on_a_database_with_migrations_to_apply_says_to_migrate(db, monkeypatch, command):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])

    with pytest.raises(
        CommandError, match=r"1 migration\(s\) to apply: run `python manage.py migrate`"
    ):
        call_command(*command)
