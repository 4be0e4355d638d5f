"""Datasets built once per test run and copied into every test that asks for one.

Loading the demo runs the statement importer over the 3rd ADGMIN statement and takes seconds; a
hundred tests in every folder want it. A `Snapshot` runs its build for real the first time, in
that test's transaction, and keeps the rows the build added (every table, history and the stored
status readings included). Later tests get those rows inserted as they are, one bulk insert a
table, with no signals and no history of their own, which is what a real load leaves behind.

The copy is only used when it would equal a real build: the tables the build writes must be as
the migrations left them (a test that made Malaysia before asking for the demo gets a real load,
which reuses its Malaysia), and the snapshot's `guard` (what else the build reads, such as
which demo users exist) must give what it gave when the rows were taken.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction


def _tables() -> list[type[models.Model]]:
    """Every concrete table of the project, many-to-many link tables included."""
    seen: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.managed and not opts.proxy and opts.db_table not in seen:
            seen[opts.db_table] = model
    return list(seen.values())


def row_counts() -> dict[type[models.Model], int]:
    """Rows in every table of the project, by model."""
    return {model: model._base_manager.count() for model in _tables()}


# Rows in each table right after the migrations (role groups, status rules, topics): set once a
# run by the `django_db_setup` fixture. A snapshot is taken and copied only over tables in this
# state. The rows themselves are kept too, to put back after a test that flushes the database.
MIGRATED: dict[type[models.Model], int] = {}
_migrated_rows: list[str] = []


def remember_migrated_state() -> None:
    MIGRATED.clear()
    MIGRATED.update(row_counts())
    _migrated_rows[:] = [connection.creation.serialize_db_to_string()]


def restore_migrated_state() -> None:
    """Put back what the migrations wrote, after a transactional test emptied every table.

    pytest-django runs those tests last in a single process; with one process per core
    (pytest-xdist) a worker may run ordinary tests after one, and they expect the role groups.
    """
    if _migrated_rows and any(row_counts()[model] != n for model, n in MIGRATED.items()):
        # A flush without serialized rollback re-creates content types under new ids: empty
        # every table again, without that, so the saved rows go back with their own ids.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_migrated_rows[0])


@dataclass
class _Rows:
    """The rows a build added to one table, as plain column values."""

    model: type[models.Model]
    rows: list[dict] = field(default_factory=list)

    @classmethod
    def added(cls, model: type[models.Model], already: int) -> _Rows:
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values(*fields))
        # The build only adds rows here (checked by the caller), so the new ones are the last.
        return cls(model, rows[already:])

    def insert(self) -> None:
        self.model._base_manager.bulk_create([self.model(**row) for row in self.rows])


class Snapshot:
    def __init__(self, build: Callable[[], object], guard: Callable[[], Hashable] = lambda: None):
        self.build = build
        self.guard = guard
        self.tables: list[_Rows] = []
        self.key: Hashable = None
        self.result = None

    def load(self):
        """Give the current test the build's rows: copied when that is safe, else built.
        Returns what the build returned (for a copy, what the build that was copied returned:
        a load's report, say)."""
        if self.tables and self._fits():
            self._insert()
            return self.result
        before = row_counts()
        result = self.build()
        if not self.tables:
            self._take(before, row_counts())
            self.result = result
        return result

    def _fits(self) -> bool:
        if self.guard() != self.key:
            return False
        written = {rows.model for rows in self.tables}
        # The rows point at rows the migrations made (groups, rules, topics): those must be there.
        pointed_at = {
            f.related_model
            for model in written
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model not in written
        }
        return all(m._base_manager.count() == MIGRATED[m] for m in written) and all(
            m._base_manager.count() >= MIGRATED[m] for m in pointed_at
        )

    def _take(self, before: dict, after: dict) -> None:
        written = [model for model in after if after[model] != before[model]]
        if any(before[m] != MIGRATED.get(m) or after[m] < before[m] for m in written):
            return  # not built on migrated tables, or it deleted rows: a copy would differ
        self.tables = [_Rows.added(model, before[model]) for model in written]
        self.key = self.guard()

    def _insert(self) -> None:
        with transaction.atomic():
            for rows in self.tables:
                rows.insert()
            # PostgreSQL's sequences do not move for rows inserted with their ids.
            sql = connection.ops.sequence_reset_sql(no_style(), [r.model for r in self.tables])
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


def _demo_users_present() -> tuple[str, ...]:
    """The demo's example activity is written only for the demo users that exist."""
    from initiatives.demo.examples import EXAMPLES

    names = {row[0] for row in EXAMPLES}
    users = get_user_model().objects.filter(username__in=names)
    return tuple(sorted(users.values_list("username", flat=True)))


def _load_demo():
    from initiatives.demo.loader import load_demo

    return load_demo()


def _load_reference():
    from initiatives.reference import DEFAULT_PATH
    from initiatives.reference.schema import parse_reference
    from initiatives.reference.services import reference_load

    return reference_load(record=parse_reference(DEFAULT_PATH.read_text(encoding="utf-8")))


DEMO = Snapshot(_load_demo, guard=_demo_users_present)
# The reference record of the series alone (load_reference), as the reference tests start from.
REFERENCE = Snapshot(_load_reference)
