"""The demo dataset, loaded once per test run and copied into each test that asks for it.

load_demo() runs the statement importer and takes seconds; the API and exchange tests use the
demo in dozens of tests. The first test that asks loads it for real and keeps a copy of every
row it created; later tests get the same rows inserted directly (a fraction of a second). When
the tables are not as load_demo would find them, the real loader runs instead.
"""

from __future__ import annotations

from django.core import serializers
from django.core.management.color import no_style
from django.db import connection

from initiatives.demo.loader import load_demo
from tracker.backup import backed_up_models

_snapshot: dict[str, list] = {}


def _counts() -> dict[type, int]:
    return {model: model._default_manager.count() for model in backed_up_models()}


def _insert(rows: list) -> None:
    """Insert serialised rows as they are, one bulk insert per table (no signals, no history)."""
    objects: dict[type, list] = {}
    links: list[tuple] = []
    for item in serializers.deserialize("python", rows):
        objects.setdefault(type(item.object), []).append(item.object)
        for name, pks in (item.m2m_data or {}).items():
            if pks:
                links.append((item.object, name, pks))
    for model, instances in objects.items():
        model._default_manager.bulk_create(instances)
    for obj, name, pks in links:
        getattr(obj, name).set(pks)


def load_demo_fast() -> None:
    if _snapshot:
        models = _snapshot["models"]
        if all(not m._default_manager.exists() for m in models):
            _insert(_snapshot["rows"])
            statements = connection.ops.sequence_reset_sql(no_style(), models)
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
            return
    before = _counts()
    load_demo()
    after = _counts()
    grown = [m for m, n in after.items() if n > before[m]]
    if not _snapshot and all(before[m] == 0 for m in grown):
        rows = []
        for model in grown:
            rows += serializers.serialize("python", model._default_manager.order_by("pk"))
        _snapshot.update(models=grown, rows=rows)
