"""Loading the reference record marks the initiatives the reports say member states carry out at
home, with the reported fact as the note; nothing else, never twice, never over an officer."""

import pytest

from implementation.models import NationalScope
from implementation.reference import REPORTED, mark_reported_scope
from initiatives.models import Initiative
from initiatives.reference import DEFAULT_PATH
from initiatives.reference.schema import parse_reference
from initiatives.reference.services import reference_load
from tests.snapshot import REFERENCE


@pytest.fixture
def loaded(db):
    return REFERENCE.load()


def _marked() -> dict[str, str]:
    return dict(
        NationalScope.objects.filter(implemented_nationally=True).values_list(
            "initiative__name", "note"
        )
    )


def test_the_loaded_record_marks_what_the_reports_say_states_implement(loaded):
    marked = _marked()
    for name in (
        "ASEAN Model Contractual Clauses for Cross Border Data Flows",
        "ASEAN Guide on AI Governance and Ethics",
        "ASEAN Recommendations on Anti-Online Scams",
        "ASEAN Data Management Framework",
        "ASEAN Digital Masterplan 2025",
    ):
        assert name in marked, name
    # Every entry of the table names an initiative the record holds: a renamed one would
    # otherwise be skipped without a word.
    assert set(marked) == {r.initiative for r in REPORTED}
    assert "initiatives marked as implemented nationally" in str(loaded)
    for note in marked.values():
        assert note.startswith("Reference record: ") and "http" in note
        assert len(note) <= NationalScope._meta.get_field("note").max_length


def test_what_the_reports_only_name_or_run_regionally_is_not_marked(loaded):
    for name in (
        "ASEAN Regional Computer Emergency Response Team",
        "Joint Guide to ASEAN Model Contractual Clauses and EU Standard Contractual Clauses",
        "ASEAN Digital Masterplan 2030",
        "Digital Economy Framework Agreement",
    ):
        initiative = Initiative.objects.filter(name=name).first()
        assert initiative is not None, name
        assert not NationalScope.objects.filter(initiative=initiative).exists(), name


def test_loading_again_marks_nothing_and_keeps_an_officers_decision(loaded):
    guide = Initiative.objects.get(name="ASEAN Guide on AI Governance and Ethics")
    NationalScope.objects.filter(initiative=guide).update(implemented_nationally=False)
    report = reference_load(record=parse_reference(DEFAULT_PATH.read_text(encoding="utf-8")))
    assert not report.changed
    assert not NationalScope.objects.get(initiative=guide).implemented_nationally
    assert NationalScope.objects.count() == len(REPORTED)
    assert mark_reported_scope() == 0
