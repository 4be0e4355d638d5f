"""The statement skeleton: drafted in the statements' register, and read back by the importer
(pipeline, dry run: nothing is saved) as the statuses it was written from."""

import pytest

from briefings.selectors import briefing_pack
from briefings.skeleton import VOCABULARY, statement_skeleton, verb_for
from initiatives.importer.classify import Rule, apply_rules
from initiatives.importer.pipeline import build_proposal
from initiatives.importer.selectors import catalogue_load, status_rules
from initiatives.models import Initiative, Mention, Statement, StatusRule

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _skeleton(record):
    return statement_skeleton(briefing_pack(record.m7, today=TODAY), status_rules())


def test_every_drafted_paragraph_is_read_back_as_the_status_it_was_written_from(record):
    skeleton = _skeleton(record)
    drafted = [p for p in skeleton.paragraphs if p.initiative]
    assert len(drafted) >= 6
    assert {p.status for p in drafted} >= {"proposed", "preparing", "adopted", "implementing"}
    statements, mentions = Statement.objects.count(), Mention.objects.count()

    proposal = build_proposal(
        skeleton.as_text().encode(),
        catalogue=catalogue_load(),
        rules=status_rules(),
        filename="skeleton.md",
    )

    ids = dict(Initiative.objects.values_list("slug", "pk"))
    found = {(m.paragraph, m.target.id): m.status for m in proposal.mentions if m.target.known}
    for paragraph in drafted:
        key = (paragraph.number, ids[paragraph.initiative])
        assert key in found, f"¶{paragraph.number} {paragraph.initiative} not found"
        assert found[key] == paragraph.status, paragraph.text
    numbers = [p.number for p in proposal.paragraphs]
    assert numbers == list(range(1, len(skeleton.paragraphs) + 2))
    # A dry run: nothing reached the record.
    assert (Statement.objects.count(), Mention.objects.count()) == (statements, mentions)


def test_it_drafts_only_initiatives_with_something_to_report(record):
    drafted = {p.initiative for p in _skeleton(record).paragraphs if p.initiative}
    assert "data-study" not in drafted  # completed at the 5th, nothing since
    assert "dmf" in drafted  # completed since the last meeting, by a progress update
    assert "defa" in drafted


def test_it_groups_paragraphs_by_the_statements_sections(record):
    skeleton = _skeleton(record)
    titles = [title for title, _ in skeleton.sections()]
    assert titles == [
        "ASEAN Digital Cooperation",
        "Digital Cooperation with Dialogue and Development Partners",
        "Next Meeting",
        "Acknowledgement",
    ]
    partners = dict(skeleton.sections())[titles[1]]
    assert {p.initiative for p in partners} == {"japan-2026"}
    assert "8th ADGMIN" in dict(skeleton.sections())["Next Meeting"][0].text


def test_a_dated_status_is_drafted_with_its_year(record):
    talent = next(p for p in _skeleton(record).paragraphs if p.initiative == "talent")
    assert talent.text == (
        "The Meeting looked forward to the completion of the ASEAN Digital Talent Programme "
        "in 2027."
    )


def test_each_phrase_of_the_vocabulary_is_read_by_the_rules_as_its_status(db):
    rules = status_rules()
    for status in ("proposed", "preparing", "adopted", "implementing", "completed"):
        phrase = verb_for(status, rules)
        assert phrase in VOCABULARY[status]
        assert apply_rules(phrase, rules).status == status


def test_the_verb_follows_the_rules_table(db):
    """An admin who disables the rule behind the usual phrase gets the next phrase that works."""
    rules = [Rule("progress", status="implementing", priority=240)]
    assert verb_for("implementing", rules) == "welcomed the progress in the implementation of"
    rules = [Rule("on-going", status="implementing", priority=230)]
    assert verb_for("implementing", rules) == "welcomed the on-going implementation of"
    assert verb_for("stalled", status_rules()) is None


def test_an_initiative_without_a_phrase_for_its_status_is_listed_as_not_drafted(record):
    StatusRule.objects.filter(status="proposed").update(enabled=False)
    skeleton = _skeleton(record)
    assert "quantum" not in {p.initiative for p in skeleton.paragraphs}
    assert [s.slug for s in skeleton.skipped] == ["quantum"]
