"""The demo snapshot every folder's `demo` fixture uses: a copy must equal a real load."""

from collections import Counter

from django.db import models, transaction

from initiatives.demo.loader import load_demo
from partners.models import Partner
from tests.snapshot import DEMO, _tables


def _contents() -> dict[str, Counter]:
    """Each table's rows without ids and timestamps (PostgreSQL's ids move on after a rollback)."""
    contents = {}
    for model in _tables():
        kept = [
            f.attname
            for f in model._meta.concrete_fields
            # A history row's "id" is the id of the row it copies: an id like the others.
            if not (
                f.primary_key
                or f.is_relation
                or f.attname == "id"
                or isinstance(f, models.DateTimeField)
            )
        ]
        rows = model._base_manager.values_list(*kept) if kept else model._base_manager.all()
        # repr: JSON columns hold dicts and lists, which a Counter cannot key on.
        contents[model._meta.db_table] = Counter(repr(r) if kept else "" for r in rows.iterator())
    return contents


def _in_a_savepoint(load) -> dict[str, Counter]:
    with transaction.atomic():
        load()
        contents = _contents()
        transaction.set_rollback(True)
    return contents


def test_a_copied_demo_holds_what_a_real_load_writes(db):
    _in_a_savepoint(DEMO.load)  # the first load of a run takes the snapshot
    assert DEMO.tables, "the demo was loaded on migrated tables, so its rows were kept"

    real = _in_a_savepoint(load_demo)
    copied = _in_a_savepoint(DEMO.load)

    differing = [table for table in real if real[table] != copied[table]]
    assert not differing
    assert sum(len(rows) for rows in copied.values()) > 500


def test_a_test_that_made_a_demo_row_first_gets_a_real_load(db):
    _in_a_savepoint(DEMO.load)
    Partner.objects.create(name="Malaysia", slug="my", kind="member_state", country_code="MY")

    DEMO.load()  # a copy would add a second Malaysia (or fail on its unique name)

    assert Partner.objects.filter(name="Malaysia").count() == 1
    assert Partner.objects.filter(kind="member_state").count() >= 10
