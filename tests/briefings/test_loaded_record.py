"""The pack for the planned 7th ADGMIN on the loaded record (`make run`'s data: the 2021-2026
reference file and the 3rd statement), checked against the record itself."""

import pytest
from django.db.models import Q

from briefings.selectors import briefing_pack
from briefings.skeleton import statement_skeleton
from initiatives.importer.pipeline import build_proposal
from initiatives.importer.selectors import catalogue_load, status_rules
from initiatives.models import Initiative, Meeting, Mention
from initiatives.selectors.lists import TERMINAL_STATUSES

pytestmark = pytest.mark.django_db


def test_the_pack_for_the_7th_names_what_is_due_what_went_silent_and_defas_last_words(demo):
    m5, m6, m7 = (Meeting.objects.get(slug=f"adgmin-{n}") for n in (5, 6, 7))
    assert m7.is_planned
    pack = briefing_pack(m7)

    expected_before = (
        Initiative.objects.exclude(status__in=TERMINAL_STATUSES)
        .exclude(expected_met=True)
        .filter(
            Q(expected_by__lt=m7.start_date)
            | Q(expected_by__isnull=True, expected_date__lt=m7.start_date)
        )
    )
    assert {i.slug for i in pack.due} == set(expected_before.values_list("slug", flat=True))
    assert pack.due

    said = Mention.objects.filter(replaced_by__isnull=True).values_list("initiative_id", flat=True)
    silent_at_6 = (
        Initiative.objects.filter(pk__in=said.filter(meeting=m5))
        .exclude(pk__in=said.filter(meeting=m6))
        .exclude(
            pk__in=said.filter(meeting__start_date__gt=m5.start_date, meeting__is_planned=False)
        )
        .exclude(status__in=TERMINAL_STATUSES)
    )
    listed = {i.slug: i.silent_meetings for i in pack.silent}
    for initiative in silent_at_6:
        assert listed.get(initiative.slug) == 2, initiative.name

    defa = next(i for i in pack.initiatives if i.acronym == "DEFA")
    last = Mention.objects.filter(initiative__acronym="DEFA", replaced_by__isnull=True).latest(
        "meeting__start_date"
    )
    assert defa.last_words.meeting == last.meeting.short_name
    if last.paragraph_id:
        assert defa.last_words.quotation and defa.last_words.link.endswith(
            f"#p{last.paragraph.number}"
        )
    else:
        assert defa.last_words.evidence == "report"
        assert defa.last_words.source_url == last.source_url != ""


def test_the_skeleton_for_the_7th_round_trips_through_the_importer(demo):
    pack = briefing_pack(Meeting.objects.get(slug="adgmin-7"))
    skeleton = statement_skeleton(pack, status_rules())
    drafted = [p for p in skeleton.paragraphs if p.initiative]
    assert len(drafted) >= 10
    proposal = build_proposal(
        skeleton.as_text().encode(), catalogue=catalogue_load(), rules=status_rules()
    )
    ids = dict(Initiative.objects.values_list("slug", "pk"))
    found = {(m.paragraph, m.target.id): m.status for m in proposal.mentions}
    mismatches = [p.text for p in drafted if found.get((p.number, ids[p.initiative])) != p.status]
    assert not mismatches
