"""The demo adds example implementation records, marked as such, once."""

import pytest

from implementation.demo import NATIONAL, load_demo_implementation
from implementation.models import ImplementationRecord, NationalScope
from implementation.reference import REPORTED


@pytest.mark.django_db
def test_the_demo_adds_example_records_for_three_states_once(demo):
    records = ImplementationRecord.objects.all()
    assert records.count() == 8
    assert set(records.values_list("is_example", flat=True)) == {True}
    assert set(records.values_list("member_state__name", flat=True)) == {
        "Malaysia",
        "Singapore",
        "Timor-Leste",
    }
    # The demo's initiatives are among those the reference record marks; it adds no other.
    marked = set(
        NationalScope.objects.filter(implemented_nationally=True).values_list(
            "initiative__name", flat=True
        )
    )
    assert set(NATIONAL) <= marked
    assert marked == {r.initiative for r in REPORTED}
    # Timor-Leste's records all date from its membership.
    for r in records.filter(member_state__name="Timor-Leste"):
        assert r.as_of >= r.member_state.member_since
    assert load_demo_implementation() == 0
    assert ImplementationRecord.objects.count() == 8
