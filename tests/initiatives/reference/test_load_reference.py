"""load_reference: the record of the series from the reference file, loaded idempotently."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.models import Initiative, Meeting, Mention, ProgressUpdate
from initiatives.reference import DEFAULT_PATH
from initiatives.reference.schema import ReferenceFileError, parse_reference
from initiatives.reference.services import reference_load
from partners.models import Partner

MODELS = [Partner, Initiative, Meeting, Mention, ProgressUpdate]


def _counts() -> dict:
    return {m.__name__: m.objects.count() for m in MODELS}


def _stamps() -> dict:
    return {m.__name__: sorted(m.objects.values_list("pk", "updated_at")) for m in MODELS}


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not in the file")


def test_the_repository_copy_is_the_shared_reference_file(reference_text):
    shared = DEFAULT_PATH.parents[3] / "shared" / "reference" / DEFAULT_PATH.name
    if not shared.exists():
        pytest.skip("../shared/ is not beside the repository")
    assert shared.read_text(encoding="utf-8") == reference_text


def test_it_loads_the_series_with_the_planned_seventh(loaded):
    held = Meeting.objects.filter(series="ADGMIN", is_planned=False)
    assert sorted(held.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    seventh = Meeting.objects.get(series="ADGMIN", number=7)
    assert seventh.is_planned
    assert seventh.host.name == "Brunei Darussalam"
    assert seventh.venue == "Bandar Seri Begawan, Brunei Darussalam"
    assert (seventh.start_date.year, seventh.start_date.month) == (2027, 1)
    sixth = Meeting.objects.get(series="ADGMIN", number=6)
    assert str(sixth.start_date) == "2026-01-15" and str(sixth.end_date) == "2026-01-16"
    assert sixth.chair_name == "Nguyen Manh Hung" and sixth.host.name == "Viet Nam"
    assert sixth.fact_sources["chair"][0]["confidence"] == "high"
    assert sixth.fact_sources["chair"][0]["url"].startswith("https://")
    second = Meeting.objects.get(series="ADGMIN", number=2)
    assert second.end_date is None and second.date_text.startswith("January 2022")
    assert second.fact_sources["dates"][0]["confidence"] == "low"


def test_timor_leste_is_a_member_from_26_october_2025(loaded):
    timor = Partner.objects.get(name="Timor-Leste")
    assert timor.is_member_state and str(timor.member_since) == "2025-10-26"
    assert Partner.objects.member_states(on="2025-01-01").count() == 10
    assert Partner.objects.member_states(on="2026-01-15").count() == 11


def test_reported_outcomes_are_report_based_mentions_with_provenance(loaded):
    mentions = Mention.objects.filter(meeting__series="ADGMIN")
    assert mentions.exists()
    assert set(mentions.values_list("evidence", flat=True)) == {"report"}
    aim = Mention.objects.get(initiative__acronym="AIM2020", meeting__number=1)
    assert aim.status == "superseded" and aim.confidence == "high"
    assert aim.source_url == "http://namnewsnetwork.org/?p=110347"
    assert aim.publisher == "namnewsnetwork.org"
    assert "replaced by ADM2025" in aim.phrase


def test_statuses_follow_the_reading_rules(loaded):
    defa = Initiative.objects.get(acronym="DEFA")
    by_meeting = dict(
        defa.mentions.filter(meeting__series="ADGMIN").values_list("meeting__number", "status")
    )
    # A study, negotiations, their substantial conclusion: an agreement is adopted when signed.
    assert by_meeting == {3: "preparing", 5: "preparing", 6: "preparing"}
    assert defa.status == "preparing"
    cert = Initiative.objects.get(acronym="ASEAN Regional CERT")
    fifth = cert.mentions.get(meeting__series="ADGMIN", meeting__number=5)
    assert fifth.status == "implementing"  # launched in October 2024, operating at the 5th
    assert cert.status == "implementing"
    assert Initiative.objects.get(acronym="ADM 2025").status == "completed"
    assert Initiative.objects.get(acronym="AIM2020").status == "superseded"


def test_adm_2030_is_its_own_initiative_with_a_period_and_no_due_date(loaded):
    adm2030 = Initiative.objects.get(acronym="ADM 2030")
    assert (adm2030.period_start, adm2030.period_end) == (2026, 2030)
    assert adm2030.expected_date is None
    assert adm2030.status == "adopted"
    assert adm2030 != Initiative.objects.get(acronym="ADM 2025")


def test_conflicting_reports_keep_a_note_and_the_lower_confidence(loaded):
    guidelines = Mention.objects.get(initiative__acronym="DMF/CBDF guidelines", meeting__number=1)
    assert "Reports differ" in guidelines.note
    assert guidelines.confidence == "medium"  # the file says high, but its reports differ


def test_a_list_of_initiatives_gives_each_its_mention(loaded):
    first = Mention.objects.filter(meeting__series="ADGMIN", meeting__number=1)
    assert first.filter(initiative__acronym="DMF", status="adopted").exists()
    assert first.filter(initiative__acronym="MCCs", status="adopted").exists()


def test_work_plans_approved_at_the_asean_japan_meeting_are_on_its_own_series(loaded):
    plan = Initiative.objects.get(name="ASEAN-Japan Digital Work Plan 2025")
    assert plan.work_plan_partner.name == "Japan" and plan.work_plan_year == 2025
    mention = plan.mentions.get()
    assert mention.meeting.series == "ADGMIN+Japan" and mention.meeting.number == 4
    assert str(mention.meeting.start_date) == "2025-01-17"


def test_loading_twice_changes_nothing(loaded, reference_text):
    before_counts, before_stamps = _counts(), _stamps()
    report = reference_load(record=parse_reference(reference_text))
    assert not report.changed
    assert "nothing changed" in str(report)
    assert _counts() == before_counts
    assert _stamps() == before_stamps


def test_a_newer_file_updates_what_changed_and_says_what(loaded, reference_text):
    newer = reference_text.replace(
        "theme: 'ASEAN Adaptive: From Connectivity to Connected Intelligence'",
        "theme: 'Adaptive ASEAN: From Connectivity to Connected Intelligence'",
    )
    assert newer != reference_text
    before = _counts()
    report = reference_load(record=parse_reference(newer))
    assert report.changed
    assert any(line.startswith("meeting 6th ADGMIN: theme") for line in report.updated)
    assert len(report.updated) == 1
    assert _counts() == before
    assert Meeting.objects.get(series="ADGMIN", number=6).theme.startswith("Adaptive ASEAN")


def test_the_command_says_nothing_changed_the_second_time(db):
    call_command("load_reference", stdout=StringIO())
    out = StringIO()
    call_command("load_reference", str(DEFAULT_PATH), stdout=out)
    assert "nothing changed" in out.getvalue()


@pytest.mark.parametrize(
    ("needle", "replacement", "nth", "reason"),
    [
        ("    status: under_study", "    status: studying", 1, "unknown status 'studying'"),
        ("  dates: 2023-02-09..2023-02-10", "  dates: 2023-02-30", 1, "not a valid date"),
        ("    confidence: medium", "    confidence: certain", 3, "unknown confidence"),
        ("  place: Singapore", "  venue_name: Singapore", 1, "has no 'place'"),
        ("  theme: Building", "  theme: [Building", 1, "not valid YAML"),
    ],
)
def test_a_broken_file_is_refused_with_its_line_and_nothing_is_written(
    db, tmp_path, reference_text, needle, replacement, nth, reason
):
    line = _line_of(reference_text, needle, nth)
    lines = reference_text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(needle.strip(), replacement.strip(), 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ReferenceFileError) as refused:
        parse_reference(broken.read_text(encoding="utf-8"))
    assert reason in refused.value.reason
    # The key at fault, or (a missing key) the entry that lacks it, within a few lines.
    assert line - 15 <= refused.value.line <= line + 1
    with pytest.raises(CommandError) as failed:
        call_command("load_reference", str(broken), stdout=StringIO())
    assert f"line {refused.value.line}" in str(failed.value)
    assert "Nothing was written" in str(failed.value)
    assert _counts() == {name: 0 for name in _counts()}
