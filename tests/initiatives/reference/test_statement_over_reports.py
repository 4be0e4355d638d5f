"""A statement imported for a meeting known from reports: quotations replace the reports."""

from pathlib import Path

from initiatives.importer.services import proposal_confirm, proposal_prepare
from initiatives.models import Initiative, Mention
from initiatives.reference.schema import parse_reference
from initiatives.reference.services import name_key, reference_load

STATEMENTS = Path(__file__).resolve().parents[1] / "importer" / "statements"
FOURTH = STATEMENTS / "4th-adgmin-2024-singapore.md"


def _import_fourth():
    proposal = proposal_prepare(FOURTH.read_bytes(), filename=FOURTH.name)
    return proposal_confirm(proposal=proposal, notify=False)


def test_importing_the_fourth_statement_turns_supported_reports_into_quotations(
    loaded, reference_text
):
    reports = {
        m.initiative_id: m
        for m in Mention.objects.filter(
            meeting__series="ADGMIN", meeting__number=4, evidence="report"
        )
    }
    assert reports
    names_before = {name_key(n) for i in Initiative.objects.all() for n in i.names()}

    outcome = _import_fourth()

    quoted = set(
        Mention.objects.filter(meeting=outcome.meeting, paragraph__isnull=False).values_list(
            "initiative_id", flat=True
        )
    )
    supported = quoted & set(reports)
    assert supported, "the statement quotes some of the reported initiatives"
    for initiative_id, report in reports.items():
        report.refresh_from_db()
        if initiative_id in supported:
            assert report.replaced_by is not None
            assert report.replaced_by.paragraph.statement == outcome.statement
            assert report.replaced_by.initiative_id == initiative_id
            assert not report.counts and not report.needs_review
        else:
            assert report.replaced_by is None
            assert "does not mention it" in report.needs_review
            assert Mention.objects.filter(pk=report.pk).exists()  # flagged, not deleted
    assert len(outcome.replaced_reports) == len(supported)
    assert len(outcome.flagged_reports) == len(reports) - len(supported)

    # Nothing is counted twice: at the 4th, each initiative has no counting report beside a
    # quotation, and no new initiative takes the name of one already known.
    at_fourth = Mention.objects.filter(meeting=outcome.meeting, replaced_by__isnull=True)
    for initiative_id in supported:
        assert not at_fourth.filter(initiative_id=initiative_id, evidence="report").exists()
    for initiative in outcome.created:
        assert name_key(initiative.name) not in names_before
    keys = [name_key(i.name) for i in Initiative.objects.all()]
    assert len(keys) == len(set(keys))


def test_loading_the_reference_after_the_statement_changes_nothing(loaded, reference_text):
    _import_fourth()
    mentions = Mention.objects.count()
    stamps = sorted(Mention.objects.values_list("pk", "updated_at", "replaced_by"))
    report = reference_load(record=parse_reference(reference_text))
    assert not report.changed, report.updated
    assert Mention.objects.count() == mentions
    assert sorted(Mention.objects.values_list("pk", "updated_at", "replaced_by")) == stamps


def test_the_statement_outranks_the_report_it_replaces(loaded):
    defa = Initiative.objects.get(acronym="DEFA")
    assert not defa.mentions.filter(meeting__number=4).exists()  # no report of DEFA at the 4th
    _import_fourth()
    guide = Initiative.objects.get(name="ASEAN Guide on AI Governance and Ethics")
    report = guide.mentions.get(meeting__number=4, meeting__series="ADGMIN", evidence="report")
    assert report.replaced_by is not None and report.replaced_by.status == "adopted"


def test_the_review_shows_the_report_each_quotation_will_replace(loaded, client, officer):
    from django.urls import reverse

    from initiatives.evidence import reports_preview
    from initiatives.models import ImportJob

    proposal = proposal_prepare(FOURTH.read_bytes(), filename=FOURTH.name)
    previews = reports_preview(proposal)
    reports = Mention.objects.filter(meeting__number=4, meeting__series="ADGMIN", evidence="report")
    assert {p.report.pk for p in previews} == set(reports.values_list("pk", flat=True))
    replaced = [p for p in previews if p.replaced]
    assert replaced and len(replaced) < len(previews)  # some supported, some not
    guide = next(p for p in previews if p.report.initiative.name.startswith("ASEAN Guide on AI"))
    assert guide.paragraphs == (3,) and guide.said == "adopted"

    job = ImportJob.objects.create(
        created_by=officer,
        filename=FOURTH.name,
        content=FOURTH.read_bytes(),
        state=ImportJob.State.READY,
        proposal=proposal.to_json(),
    )
    client.force_login(officer)
    page = client.get(reverse("initiatives:import_detail", args=[job.pk])).content.decode()
    assert "Reports of this meeting it will replace" in page
    assert 'Replaced by the quotation in <a href="#p3">¶3</a>' in page
    assert "Not in the statement: flagged for review" in page
    assert Mention.objects.filter(replaced_by__isnull=False).count() == 0  # nothing saved yet
