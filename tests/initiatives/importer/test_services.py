"""Saving a confirmed proposal, re-imports, corrections, and bad input that writes nothing."""

from unittest import mock

import pytest
from django.test import override_settings

from initiatives.importer import confirm, services
from initiatives.importer.errors import ImportRefused
from initiatives.importer.services import (
    import_job_create,
    import_job_review,
    proposal_confirm,
    proposal_prepare,
)
from initiatives.models import (
    ImportJob,
    Initiative,
    Meeting,
    Mention,
    Paragraph,
    Statement,
)

from .conversions import blank_pdf, to_pdf
from .steps import SEED, STATEMENTS, table_counts


def seed_bytes() -> bytes:
    return SEED.read_bytes()


def confirm_seed():
    return proposal_confirm(proposal=proposal_prepare(seed_bytes(), filename=SEED.name))


def candidate(proposal, name):
    return next(c for c in proposal.candidates if c.name == name)


class TestConfirm:
    def test_it_saves_the_statement_verbatim_with_paragraphs_and_mentions(
        self, tracker_without_statements
    ):
        before = Initiative.objects.count()
        outcome = confirm_seed()
        assert outcome.changed
        statement = Statement.objects.get()
        assert statement.text == SEED.read_text(encoding="utf-8")
        assert statement.meeting.short_name == "3rd ADGMIN"
        assert statement.paragraphs.count() == 21
        assert statement.source_format == "markdown"
        assert Initiative.objects.count() == before + len(outcome.created) >= before + 20
        assert Mention.objects.filter(paragraph__statement=statement).count() == outcome.mentions
        assert not Mention.objects.filter(is_confirmed=False).exists()
        assert "Imported the statement of the 3rd ADGMIN" in outcome.message

    def test_it_queues_a_digest_for_focal_points(self, tracker_without_statements):
        from notifications.models import OutboxMessage

        statement = confirm_seed().statement
        message = OutboxMessage.objects.get()
        assert (message.topic, message.payload) == (
            OutboxMessage.Topic.STATEMENT_CONFIRMED,
            {"statement_id": statement.pk},
        )

    def test_it_refreshes_statuses_and_expectations(self, tracker_without_statements):
        confirm_seed()
        assert Initiative.objects.get(acronym="DEFA").status == "preparing"
        guide = Initiative.objects.get(name="ASEAN Guide on AI Governance and Ethics")
        assert (guide.status, guide.expected_text) == ("preparing", "2023")
        plan = Initiative.objects.get(name="ASEAN-Japan 2023 Digital Work Plan")
        assert (plan.status, plan.kind, plan.work_plan_year) == ("adopted", "work_plan", 2023)
        assert plan.work_plan_partner.name == "Japan"
        assert Initiative.objects.get(acronym="ACAM").status == "adopted"

    def test_it_keeps_what_officers_recorded_about_a_held_meeting(self, tracker_without_statements):
        confirm_seed()
        meeting = Meeting.objects.get(series="ADGMIN", number=3)
        assert meeting.chair_title.startswith("Secretary")  # from the demo data, not the text
        assert meeting.theme == "Synergy Towards a Sustainable Digital Future"
        assert (meeting.chair_country.name, meeting.vice_chair_country.name) == (
            "Philippines",
            "Singapore",
        )

    def test_it_updates_the_announced_meeting_and_later_records_it_as_held(
        self, tracker_without_statements
    ):
        # The demo's own record (before the reference file) announces the 4th for early 2024.
        planned = Meeting.objects.get(series="ADGMIN", number=4)
        assert planned.is_planned and planned.date_text == "January/February 2024"
        proposal = proposal_prepare((STATEMENTS / "fourth-plain-wrapped.txt").read_bytes())
        outcome = proposal_confirm(proposal=proposal)
        held = Meeting.objects.get(pk=planned.pk)
        assert not held.is_planned and held.date_text == ""
        assert (str(held.start_date), str(held.end_date)) == ("2024-02-01", "2024-02-02")
        assert held.vice_chair_country.name == "Thailand"
        fifth = Meeting.objects.get(series="ADGMIN", number=5)
        assert fifth.is_planned and fifth.host.name == "Thailand"
        assert fifth.date_text == "January 2025"
        assert outcome.planned == [fifth]

    def test_merging_teaches_an_existing_initiative_a_new_name(self, tracker_without_statements):
        proposal = proposal_prepare(seed_bytes(), filename=SEED.name)
        acam = candidate(proposal, "ASEAN Cybersecurity Assessment Model")
        target = Initiative.objects.get(acronym="ACCS 2021-2025")
        acam.action, acam.merge_into = "merge", target.pk
        proposal_confirm(proposal=proposal)
        target.refresh_from_db()
        assert "ASEAN Cybersecurity Assessment Model" in target.alias_list
        assert "ACAM" in target.alias_list
        assert not Initiative.objects.filter(name="ASEAN Cybersecurity Assessment Model").exists()
        assert target.mentions.filter(paragraph__number=16).exists()
        assert target.version == 2

    def test_a_rejected_name_creates_nothing_and_is_not_mentioned(self, tracker_without_statements):
        proposal = proposal_prepare(seed_bytes(), filename=SEED.name)
        candidate(proposal, "ASEAN-ROK Solidarity Initiative").action = "reject"
        proposal_confirm(proposal=proposal)
        assert not Initiative.objects.filter(name="ASEAN-ROK Solidarity Initiative").exists()

    def test_an_officers_corrections_are_what_gets_saved(self, tracker_without_statements):
        job = ImportJob.objects.create(content=seed_bytes(), filename=SEED.name)
        job = services.import_job_parse(job=job)
        defa = next(
            m
            for m in job.proposal["mentions"]
            if m["target"].get("name") == ("Digital Economy Framework Agreement")
        )
        import_job_review(
            job=job,
            meeting_values={"venue": "Boracay, Aklan"},
            mentions={defa["key"]: {"status": "proposed", "expected_text": "mid-2024"}},
            candidates={},
        )
        services.import_job_confirm(job=job)
        mention = Mention.objects.get(initiative__acronym="DEFA", paragraph__isnull=False)
        assert (mention.status, mention.expected_text, str(mention.expected_date)) == (
            "proposed",
            "mid-2024",
            "2024-05-01",
        )
        assert Meeting.objects.get(number=3).venue == "Boracay, Aklan"
        job.refresh_from_db()
        assert job.state == ImportJob.State.CONFIRMED and job.statement is not None

    def test_it_saves_everything_or_nothing(self, tracker_without_statements):
        proposal = proposal_prepare(seed_bytes(), filename=SEED.name)
        before = table_counts()
        failing = mock.patch.object(confirm, "_planned_save", side_effect=RuntimeError("disk"))
        with failing, pytest.raises(RuntimeError):
            proposal_confirm(proposal=proposal)
        assert table_counts() == before


class TestReimport:
    def test_the_same_file_again_changes_nothing_and_says_so(self, demo):
        before = table_counts()
        proposal = proposal_prepare(seed_bytes(), filename=SEED.name)
        assert "already in the tracker" in proposal.duplicate_of.message
        outcome = proposal_confirm(proposal=proposal)
        assert not outcome.changed and "Nothing was changed" in outcome.message
        assert table_counts() == before

    def test_the_same_paragraphs_in_another_format_change_nothing(self, demo, seed_text):
        before = table_counts()
        proposal = proposal_prepare(to_pdf(seed_text), filename="seed.pdf")
        assert "same paragraphs" in proposal.duplicate_of.message
        assert not proposal_confirm(proposal=proposal).changed
        assert table_counts() == before

    def test_a_corrected_version_shows_its_changes_and_replaces_the_stored_one(
        self, demo, seed_text
    ):
        corrected = seed_text.replace(
            "looked forward to the completion of study for the Digital Economy Framework "
            "Agreement (DEFA)",
            "welcomed the launch of negotiations on the Digital Economy Framework Agreement (DEFA)",
        ).replace("21. The Meeting expressed appreciation", "21. The Ministers expressed thanks")
        proposal = proposal_prepare(corrected.encode(), filename="corrected.md")
        diff = proposal.replaces.diff
        assert [(d["number"], d["change"]) for d in diff] == [(9, "changed"), (21, "changed")]
        statement = Statement.objects.get(meeting__number=3)
        outcome = proposal_confirm(proposal=proposal)
        assert outcome.changed and outcome.statement.pk == statement.pk
        statement.refresh_from_db()
        assert statement.text == corrected
        assert Statement.objects.filter(meeting__number=3).count() == 1
        ninth = Paragraph.objects.get(statement=statement, number=9)
        assert "launch of negotiations" in ninth.text
        defa = Mention.objects.get(paragraph=ninth, initiative__acronym="DEFA")
        assert defa.status == "preparing" and "negotiations" in defa.phrase
        assert Paragraph.objects.filter(statement=statement).count() == 21


def _contradicting(seed_text: str) -> bytes:
    return seed_text.replace("on 9-10 February 2023", "on 1-2 March 2023").encode()


BAD_INPUTS = {
    "empty file": (lambda seed: b"", "seed.md", ImportRefused.EMPTY),
    "binary junk": (lambda seed: bytes(range(256)) * 64, "seed.bin", ImportRefused.BINARY),
    "pdf without text": (lambda seed: blank_pdf(), "scan.pdf", ImportRefused.NO_TEXT_LAYER),
    "no numbered paragraphs": (
        lambda seed: b"Press release\n\nThe Ministers met in Boracay.\n",
        "note.txt",
        ImportRefused.NO_PARAGRAPHS,
    ),
    "over the limit": (lambda seed: seed.encode() * 3, "big.md", ImportRefused.TOO_LARGE),
    "invalid utf-8": (
        lambda seed: seed.encode().replace(b"Boracay", b"Bor\xe1cay"),
        "seed.md",
        ImportRefused.INVALID_UTF8,
    ),
    "contradicts a stored meeting": (_contradicting, "seed.md", ImportRefused.CONTRADICTS),
    "names no meeting": (
        lambda seed: b"1. The Ministers met.\n2. They agreed.\n",
        "x.txt",
        ImportRefused.NO_MEETING,
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
@override_settings(IMPORT_MAX_BYTES=20_000)
def test_bad_input_gets_one_clear_message_and_writes_nothing(tracker_without_statements, case):
    make, filename, code = BAD_INPUTS[case]
    data = make(SEED.read_text(encoding="utf-8"))
    # The 3rd ADGMIN is stored as held on 9-10 February 2023, from the demo data.
    before = table_counts()
    with pytest.raises(ImportRefused) as caught:
        proposal_prepare(data, filename=filename)
    assert caught.value.code == code
    assert caught.value.message.endswith(".") and len(caught.value.message) > 20
    # The upload refuses what costs nothing to check; the parsing task fails the job with the
    # same message for the rest. Either way, nothing but the job's own row is written.
    try:
        job = import_job_create(data=data, filename=filename)
    except ImportRefused as refusal:
        assert refusal.code == code
    else:
        job = services.import_job_parse(job=job)
        assert job.state == ImportJob.State.FAILED and job.message == caught.value.message
    jobs = ImportJob._meta.db_table
    assert {t: n for t, n in table_counts().items() if t != jobs} == {
        t: n for t, n in before.items() if t != jobs
    }


def test_a_meeting_changed_after_the_proposal_is_caught_at_confirmation(
    tracker_without_statements,
):
    proposal = proposal_prepare(seed_bytes(), filename=SEED.name)
    Meeting.objects.filter(number=3).update(start_date="2023-03-01", end_date="2023-03-02")
    before = table_counts()
    with pytest.raises(ImportRefused) as caught:
        proposal_confirm(proposal=proposal)
    assert caught.value.code == ImportRefused.CONTRADICTS
    assert "1-2 March 2023" in caught.value.message
    assert "9-10 February 2023" in caught.value.message
    assert table_counts() == before


def test_a_job_cannot_be_confirmed_twice(tracker_without_statements):
    job = services.import_job_parse(job=ImportJob.objects.create(content=seed_bytes()))
    services.import_job_confirm(job=job)
    with pytest.raises(ImportRefused) as caught:
        services.import_job_confirm(job=job)
    assert caught.value.code == ImportRefused.STALE


def test_a_parse_failure_is_kept_on_the_job_with_its_message(tracker_without_statements):
    job = ImportJob.objects.create(content=b"1. The Ministers met.\n", filename="x.txt")
    job = services.import_job_parse(job=job)
    assert job.state == ImportJob.State.FAILED
    assert "which meeting" in job.message
