"""The pack's content: what each section holds for the planned 7th and the past 6th ADGMIN."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings.content import BriefingPack, Filters, UnknownVersion
from briefings.selectors import briefing_pack
from initiatives.models import Initiative, Mention, ProgressUpdate

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _by_slug(pack):
    return {i.slug: i for i in pack.initiatives}


def test_it_names_every_initiative_due_before_the_meeting(record):
    pack = briefing_pack(record.m7, today=TODAY)
    due = {i.slug: i.due for i in pack.due}
    assert due == {"online-safety": "overdue", "talent": "due"}
    assert [i.slug for i in pack.due] == ["online-safety", "talent"]  # earliest first


def test_it_names_every_initiative_silent_at_the_6th_that_was_mentioned_at_the_5th(record):
    pack = briefing_pack(record.m7, today=TODAY)
    silent = {i.slug: i.silent_meetings for i in pack.silent}
    # The study was completed at the 5th: its silence is expected, so it is not listed.
    assert silent == {"ai-guide": 2, "japan-2025": 2}
    said = Mention.objects.values_list("initiative__slug", flat=True)
    said_at_5 = set(said.filter(meeting=record.m5))
    said_at_6 = set(said.filter(meeting=record.m6))
    assert set(silent) == said_at_5 - said_at_6 - {"data-study"}


def test_it_gives_defa_its_latest_words_with_the_report_and_its_source(record):
    defa = _by_slug(briefing_pack(record.m7, today=TODAY))["defa"]
    words = defa.last_words
    assert words.meeting == "6th ADGMIN"
    assert words.evidence == "report"
    assert words.quotation == ""
    assert words.source_url == "https://asean.org/6th-adgmin-defa-report"
    assert words.link == words.source_url
    assert words.publisher == "ASEAN Secretariat"
    assert "substantial conclusion" in words.phrase
    assert [u.summary for u in defa.updates] == ["Negotiations concluded; signing planned."]
    assert defa.status == Initiative.objects.get(pk=record.defa.pk).status


def test_a_quotation_links_to_its_paragraph_and_quotes_only_the_sentence_naming_it(record):
    cert = _by_slug(briefing_pack(record.m7, today=TODAY))["asean-cert"]
    words = cert.last_words
    assert words.evidence == "statement"
    assert words.paragraph == 3
    assert words.link.endswith("/meetings/adgmin-6/#p3")
    assert words.quotation.startswith("The Meeting welcomed the progress")
    dmf = _by_slug(briefing_pack(record.m7, today=TODAY))["dmf"]
    assert dmf.last_words.quotation == (
        "The Meeting endorsed the ASEAN Data Management Framework (DMF)."
    )


def test_it_lists_what_changed_at_the_last_meeting(record):
    pack = briefing_pack(record.m7, today=TODAY)
    assert pack.last_meeting.slug == "adgmin-6"
    kinds = {c.slug: c.kind for c in pack.changes}
    assert kinds["adm-2030"] == "new"
    assert kinds["asean-cert"] == "advanced"
    assert kinds["ai-guide"] == "silent"
    assert "unchanged" not in kinds.values()


def test_it_leaves_out_what_ended_before_the_last_meeting(record):
    assert "data-study" not in _by_slug(briefing_pack(record.m7, today=TODAY))


def test_country_notes_since_the_last_meeting_by_member_state(record):
    pack = briefing_pack(record.m7, today=TODAY)
    assert [c.member_state for c in pack.countries] == ["Malaysia"]
    assert [n.summary for n in pack.countries[0].notes] == [
        "National digital plan aligned with ADM 2030."
    ]


def test_partner_work_plans_ending_before_the_meetings_year_are_due_for_renewal(record):
    pack = briefing_pack(record.m7, today=TODAY)
    assert [(w.partner, w.latest_year, w.renewal_year) for w in pack.work_plans] == [
        ("Japan", 2026, 2027)
    ]


def test_a_past_meeting_is_read_as_on_its_eve(record):
    pack = briefing_pack(record.m6, today=TODAY)
    assert pack.as_on == date(2026, 1, 14)
    assert pack.last_meeting.slug == "adgmin-5"
    briefs = _by_slug(pack)
    # What the 6th said is not yet known on its eve: DEFA's last words are the 5th's quotation.
    assert briefs["defa"].last_words.meeting == "5th ADGMIN"
    assert briefs["defa"].last_words.evidence == "statement"
    assert briefs["defa"].status == "preparing"
    assert briefs["defa"].updates == []  # the May 2026 update came later
    assert "adm-2030" not in briefs  # first said at the 6th itself
    assert pack.countries[0].notes[0].summary == "Before the 6th: consultations."


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(kinds=["work_plan"]), {"japan-2025", "japan-2026"}),
        (Filters(outcomes=["DO3"]), {"dmf"}),
        (Filters(partner="japan"), {"japan-2025", "japan-2026"}),
        (Filters(lead_body="adgsom"), {"defa"}),
    ],
)
def test_filters_narrow_the_pack(record, filters, expected):
    pack = briefing_pack(record.m7, filters, today=TODAY)
    assert {i.slug for i in pack.initiatives} == expected


def test_only_what_changed_drops_what_stood_still(record):
    ProgressUpdate.objects.filter(initiative=record.dmf).delete()
    everything = {i.slug for i in briefing_pack(record.m7, today=TODAY).initiatives}
    changed = briefing_pack(record.m7, Filters(only_changed=True), today=TODAY)
    slugs = {i.slug for i in changed.initiatives}
    assert slugs < everything
    assert "defa" in slugs  # a progress update since the last meeting
    assert "adm-2030" in slugs  # new at the last meeting
    assert "japan-2025" in slugs  # went silent at the last meeting
    for brief in changed.initiatives:
        assert brief.change != "unchanged" or brief.updates


def test_the_content_survives_its_json_form(record):
    pack = briefing_pack(record.m7, Filters(kinds=["agreement", "centre"]), today=TODAY)
    again = BriefingPack.from_json(pack.to_json())
    assert again == pack
    assert again.to_json() == pack.to_json()


def test_json_of_another_version_is_refused(record):
    data = briefing_pack(record.m7, today=TODAY).to_json()
    data["version"] = 99
    with pytest.raises(UnknownVersion):
        BriefingPack.from_json(data)


def test_it_reads_the_record_in_as_many_queries_however_many_initiatives(record):
    with CaptureQueriesContext(connection) as small:
        briefing_pack(record.m7, today=TODAY)
    for n in range(30):
        extra = Initiative.objects.create(name=f"Extra initiative {n}", slug=f"extra-{n}")
        Mention.objects.create(meeting=record.m6, initiative=extra, status="implementing")
        ProgressUpdate.objects.create(initiative=extra, date=date(2026, 4, 1), summary="x")
    with CaptureQueriesContext(connection) as big:
        pack = briefing_pack(record.m7, today=TODAY)
    assert len(pack.initiatives) >= 40
    assert len(big) == len(small)


def test_an_undated_planned_meeting_and_a_first_meeting_have_a_pack(record):
    from initiatives.models import Meeting

    undated = Meeting.objects.create(
        series="ADGMIN+Japan", number=1, slug="adgminjapan-1", is_planned=True
    )
    pack = briefing_pack(undated, today=TODAY)
    assert pack.as_on == TODAY
    assert pack.last_meeting is None and pack.changes == []
    assert "defa" in _by_slug(pack)

    first = briefing_pack(record.m5, today=TODAY)
    assert first.last_meeting is None
    assert first.initiatives == []  # nothing was said or recorded before the 5th
