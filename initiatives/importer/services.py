"""Writes of the statement importer: import jobs, and saving a confirmed proposal.

`proposal_confirm` saves a reviewed proposal in one transaction: the meeting, the statement
verbatim with its paragraphs, accepted and merged initiatives, the mentions, the planned
meetings, and the refreshed statuses. Either all of it lands or none of it. The reads that
prepare and check a proposal live in compare.py (`proposal_prepare` is re-exported here).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import import_string

from partners.models import Partner

from .. import services as tracking
from ..choices import STATUS_RANK, DatePrecision, InitiativeKind, PartnerRole, Status
from ..evidence import meeting_reports_reconcile
from ..models import (
    ImportJob,
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    Statement,
)
from ..status import precision_of
from ..topics import topics_suggest

__all__ = [
    "ImportOutcome",
    "import_job_confirm",
    "import_job_create",
    "import_job_discard",
    "import_job_parse",
    "import_job_review",
    "proposal_compare",
    "proposal_confirm",
    "proposal_prepare",
    "statement_precheck",
]
from .compare import (
    duplicate_refusal,
    meeting_contradiction,
    parsed_meeting_values,
    proposal_compare,
    proposal_prepare,
    statement_precheck,
    stored_duplicate,
)
from .errors import ImportRefused
from .matcher import INITIATIVE
from .pipeline import ACCEPT, MERGE, text_checksum
from .readers import upload_precheck
from .splitter import ParsedParagraph

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------------------------
# Confirming: everything in one transaction
# ----------------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    changed: bool
    message: str
    meeting: Meeting | None = None
    statement: Statement | None = None
    created: list[Initiative] = field(default_factory=list)
    merged: list[Initiative] = field(default_factory=list)
    mentions: int = 0
    planned: list[Meeting] = field(default_factory=list)
    # Report-based mentions of the meeting: replaced by a quotation, or not supported by it.
    replaced_reports: list[Mention] = field(default_factory=list)
    flagged_reports: list[Mention] = field(default_factory=list)


def _partner(pk) -> Partner | None:
    return Partner.objects.filter(pk=pk).first() if pk else None


def _date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _meeting_save(proposal: dict) -> Meeting:
    parsed = proposal["meeting"]
    values = proposal.get("meeting_values") or parsed_meeting_values(parsed)
    series, number = parsed["series"], parsed["number"]
    problem = meeting_contradiction(
        series, number, values.get("start_date"), values.get("end_date"), values.get("host_id")
    )
    if problem:
        raise ImportRefused(ImportRefused.CONTRADICTS, problem)
    meeting = Meeting.objects.select_for_update().filter(series=series, number=number).first()
    if meeting is None:
        slug = tracking.meeting_slug(series, number)
        if Meeting.objects.filter(slug=slug).exists():
            slug = tracking.unique_slug(Meeting, slug, max_length=80)
        meeting = Meeting(series=series, number=number, slug=slug)
    fields = {
        "title": (values.get("title") or "")[:300],
        "start_date": _date(values.get("start_date")),
        "end_date": _date(values.get("end_date")),
        "venue": (values.get("venue") or "")[:300],
        "host": _partner(values.get("host_id")),
        "chair_name": (values.get("chair_name") or "")[:200],
        "chair_title": (values.get("chair_title") or "")[:300],
        "chair_country": _partner(values.get("chair_country_id")),
        "vice_chair_name": (values.get("vice_chair_name") or "")[:200],
        "vice_chair_title": (values.get("vice_chair_title") or "")[:300],
        "vice_chair_country": _partner(values.get("vice_chair_country_id")),
        "theme": (values.get("theme") or "")[:300],
        "declaration": (values.get("declaration") or "")[:300],
    }
    if fields["start_date"] and fields["end_date"] and fields["end_date"] < fields["start_date"]:
        raise ImportRefused(
            ImportRefused.CONTRADICTS, "The meeting's end date is before its start date."
        )
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.is_planned and meeting.start_date:
        meeting.date_text = ""  # the announced "January/February 2024" gives way to real dates
    meeting.is_planned = False
    meeting.save()
    return meeting


def _statement_save(meeting: Meeting, proposal: dict, user) -> tuple[Statement, bool]:
    info, source = proposal["statement"], proposal["source"]
    paragraphs = [
        ParsedParagraph(number=p["number"], text=p["text"], section=p["section"])
        for p in proposal["paragraphs"]
    ]
    existing = Statement.objects.filter(meeting=meeting, kind=info["kind"]).first()
    if existing is None:
        statement = tracking.statement_create(
            meeting=meeting,
            text=info["text"],
            paragraphs=paragraphs,
            kind=info["kind"],
            title=(info.get("title") or "")[:300],
            source_url=(info.get("source_url") or "")[:500],
            source_filename=(source.get("filename") or "")[:255],
            source_format=source.get("format") or "",
            issued_on=_date(info.get("issued_on")),
            user=user,
        )
        return statement, True
    # A corrected version: same statement, new text; paragraphs updated in place by number.
    existing.text = info["text"]
    existing.checksum = text_checksum(info["text"])
    existing.source_filename = (source.get("filename") or "")[:255]
    existing.source_format = source.get("format") or ""
    existing.imported_by = user or existing.imported_by
    existing.save()
    stored = {p.number: p for p in existing.paragraphs.all()}
    for p in paragraphs:
        row = stored.pop(p.number, None)
        if row is None:
            Paragraph.objects.create(
                statement=existing, number=p.number, section=p.section, text=p.text
            )
        elif (row.text, row.section) != (p.text, p.section):
            row.text, row.section = p.text, p.section
            row.save()
    for row in stored.values():
        row.delete()
    return existing, False


def _initiative_from_candidate(candidate: dict, meeting: Meeting) -> Initiative:
    name = " ".join((candidate.get("name") or "").split())[:300]
    same = Initiative.objects.filter(name__iexact=name).first()
    if same is not None:
        return same
    kind = candidate.get("kind") or InitiativeKind.OTHER
    if kind not in InitiativeKind.values:
        kind = InitiativeKind.OTHER
    acronym = (candidate.get("acronym") or "")[:40]
    initiative = Initiative.objects.create(
        name=name,
        slug=tracking.unique_slug(Initiative, acronym or name, max_length=120),
        acronym=acronym,
        kind=kind,
        work_plan_partner=_partner(candidate.get("work_plan_partner_id")),
        work_plan_year=candidate.get("work_plan_year"),
        period_start=candidate.get("period_start"),
        period_end=candidate.get("period_end"),
        description=(
            f"Found by the statement importer in paragraph {candidate.get('paragraph')} of the "
            f"statement of the {meeting.short_name}."
        ),
    )
    topics_suggest(initiative=initiative)
    for partner in Partner.objects.filter(pk__in=candidate.get("partner_ids") or []):
        InitiativePartner.objects.get_or_create(
            initiative=initiative, partner=partner, role=PartnerRole.PARTNER
        )
    return initiative


def _merge_candidate(candidate: dict) -> Initiative | None:
    target = Initiative.objects.select_for_update().filter(pk=candidate.get("merge_into")).first()
    if target is None:
        return None
    changed = target.add_alias(candidate.get("name") or "")
    acronym = (candidate.get("acronym") or "").strip()
    if acronym:
        if not target.acronym:
            target.acronym, changed = acronym[:40], True
        else:
            changed = target.add_alias(acronym) or changed
    if changed:
        target.version += 1
        target.save(update_fields=["aliases", "acronym", "version", "updated_at"])
    return target


def _planned_save(rows: list[dict], meeting: Meeting) -> list[Meeting]:
    saved = []
    for row in rows:
        existing = Meeting.objects.filter(series=row["series"], number=row["number"]).first()
        if existing is not None and not existing.is_planned:
            continue  # already held: what happened wins over what was announced
        planned = existing or Meeting(
            series=row["series"],
            number=row["number"],
            slug=tracking.unique_slug(
                Meeting, tracking.meeting_slug(row["series"], row["number"]), max_length=80
            ),
            is_planned=True,
        )
        planned.title = planned.title or (row.get("title") or "")[:300]
        planned.venue = (row.get("venue") or planned.venue)[:300]
        planned.host = _partner(row.get("host_id")) or planned.host
        planned.date_text = (row.get("date_text") or planned.date_text)[:100]
        planned.start_date = _date(row.get("start_date")) or planned.start_date
        if not planned.notes:
            planned.notes = (
                f"Announced in paragraph {row.get('paragraph')} of the statement of the "
                f"{meeting.short_name}."
            )
        planned.save()
        saved.append(planned)
    return saved


@transaction.atomic
def proposal_confirm(*, proposal: dict, user=None, notify: bool = True) -> ImportOutcome:
    """Save a reviewed proposal: all of it, in one transaction, or nothing.

    With `notify`, focal points get a digest of what the statement changed (queued in this
    transaction through the outbox, so it is sent only if the import lands).
    """
    duplicate = stored_duplicate(proposal["source"]["checksum"])
    if duplicate is not None or proposal.get("duplicate_of"):
        statement = (
            duplicate
            or Statement.objects.filter(
                pk=(proposal.get("duplicate_of") or {}).get("statement_id")
            ).first()
        )
        message = (
            duplicate_refusal(duplicate).message
            if duplicate is not None
            else proposal["duplicate_of"]["message"]
        )
        return ImportOutcome(
            changed=False,
            message=message,
            meeting=statement.meeting if statement else None,
            statement=statement,
        )
    meeting = _meeting_save(proposal)
    # Initiatives mentioned by the stored version: a correction may drop them.
    touched = set(
        Mention.objects.filter(
            paragraph__statement__meeting=meeting,
            paragraph__statement__kind=proposal["statement"]["kind"],
        ).values_list("initiative_id", flat=True)
    )
    statement, created = _statement_save(meeting, proposal, user)
    paragraphs = {p.number: p for p in statement.paragraphs.all()}
    outcome = ImportOutcome(changed=True, message="", meeting=meeting, statement=statement)

    targets: dict[str, Initiative | None] = {}
    for candidate in proposal.get("candidates", []):
        action = candidate.get("action")
        if action == ACCEPT:
            targets[candidate["key"]] = _initiative_from_candidate(candidate, meeting)
            outcome.created.append(targets[candidate["key"]])
        elif action == MERGE:
            targets[candidate["key"]] = _merge_candidate(candidate)
            if targets[candidate["key"]] is not None:
                outcome.merged.append(targets[candidate["key"]])
        else:
            targets[candidate["key"]] = None
    known = Initiative.objects.in_bulk(
        [m["target"]["id"] for m in proposal["mentions"] if m["target"]["type"] == INITIATIVE]
    )

    wanted: dict[tuple[int, int], tuple[Initiative, dict]] = {}
    for row in proposal["mentions"]:
        if not row.get("keep", True) or row["paragraph"] not in paragraphs:
            continue
        target = row["target"]
        initiative = (
            known.get(target["id"]) if target["type"] == INITIATIVE else targets.get(target["key"])
        )
        if initiative is None:
            continue
        key = (row["paragraph"], initiative.pk)
        previous = wanted.get(key)
        if previous is None or STATUS_RANK.get(row["status"], 0) > STATUS_RANK.get(
            previous[1]["status"], 0
        ):
            wanted[key] = (initiative, row)

    existing = Mention.objects.filter(paragraph__statement=statement).values_list(
        "pk", "paragraph__number", "initiative_id"
    )
    stale = [pk for pk, number, initiative_id in existing if (number, initiative_id) not in wanted]
    Mention.objects.filter(pk__in=stale).delete()

    for (number, _), (initiative, row) in wanted.items():
        status = row.get("status") or ""
        # Mentions are written here rather than through mention_record, so that each initiative's
        # status is refreshed once at the end instead of once per mention.
        Mention.objects.update_or_create(
            meeting=meeting,
            paragraph=paragraphs[number],
            initiative=initiative,
            defaults={
                "phrase": (row.get("phrase") or "")[:500],
                "matched_text": (row.get("matched_text") or "")[:300],
                "status": status if status in Status.values else "",
                "expected_date": _date(row.get("expected_date")),
                "expected_text": (row.get("expected_text") or "")[:100],
                "expected_precision": row.get("expected_precision")
                or _expected_precision(row.get("expected_text") or "")
                or DatePrecision.DAY,
                "is_confirmed": True,
                "source_url": (proposal["statement"].get("source_url") or "")[:500],
            },
        )
        outcome.mentions += 1
        touched.add(initiative.pk)

    # Reports of this meeting that the statement quotes become second sources; the others are
    # flagged for an officer (initiatives/evidence.py).
    reconciled = meeting_reports_reconcile(meeting=meeting)
    outcome.replaced_reports, outcome.flagged_reports = reconciled.replaced, reconciled.flagged
    touched |= reconciled.initiative_ids
    for initiative in Initiative.objects.filter(pk__in=touched):
        tracking.initiative_refresh_status(initiative=initiative)
    for initiative, row in wanted.values():
        _expectation_update(initiative, meeting, row)
    outcome.planned = _planned_save(proposal.get("planned_meetings", []), meeting)
    if notify:
        from ..reminders import notify_statement_confirmed

        notify_statement_confirmed(statement.pk)
    verb = "Imported" if created else "Updated"
    outcome.message = (
        f"{verb} the statement of the {meeting.short_name}: {len(paragraphs)} paragraphs, "
        f"{outcome.mentions} mentions, {len(outcome.created)} new initiatives"
        f"{f', {len(outcome.merged)} merged' if outcome.merged else ''}."
    )
    if outcome.replaced_reports or outcome.flagged_reports:
        outcome.message += (
            f" {len(outcome.replaced_reports)} reports of the meeting are now second sources of "
            f"its quotations; {len(outcome.flagged_reports)} the statement does not support are "
            "flagged for review."
        )
    return outcome


def _expectation_update(initiative: Initiative, meeting: Meeting, row: dict) -> None:
    """The latest meeting's expectation ("early 2023") becomes the initiative's next step, kept
    at the precision it was said with and with the status that held when it was said (reaching
    past that status meets it)."""
    expected = _date(row.get("expected_date"))
    if not expected or not meeting.start_date:
        return
    later = Mention.objects.filter(
        initiative=initiative, meeting__start_date__gt=meeting.start_date, meeting__is_planned=False
    ).exclude(Q(expected_text="") & Q(status=""))
    if later.exists():
        return
    text = (row.get("expected_text") or "")[:100]
    precision = row.get("expected_precision") or precision_of(text)
    held = Initiative.objects.values_list("status", flat=True).get(pk=initiative.pk)
    Initiative.objects.filter(pk=initiative.pk).update(
        expected_date=expected,
        expected_text=text,
        expected_precision=precision,
        expected_status=row.get("status") or held,
    )
    tracking.initiative_refresh_status(initiative=initiative)


# ----------------------------------------------------------------------------------------------
# Import jobs: upload -> parse (Celery) -> review -> confirm
# ----------------------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(
    *, data: bytes, filename: str = "", user=None, encoding: str = "", source_url: str = ""
) -> ImportJob:
    """Accept an upload for parsing. Only the checks that cost nothing run here (size, an empty
    file, the kind of file, tracker.security's limits on archives), before any row is written;
    reading the statement is the parsing task's work, which fails the job with its message."""
    upload_precheck(data, filename=filename)
    job = ImportJob.objects.create(
        created_by=user,
        filename=filename[:255],
        content=data,
        source_url=source_url[:500],
        # Until parsing replaces it with the proposal, the proposal field holds the request.
        proposal={"request": {"encoding": encoding}},
    )
    # The task module imports this one, so the task is found by its dotted path when the
    # transaction commits: imports run one way (tasks -> services), with no cycle.
    task = "initiatives.tasks.parse_import_job"
    transaction.on_commit(lambda: _queue_parse(import_string(task), job.pk))
    return job


def _queue_parse(task, job_pk) -> None:
    """Hand the job to the worker; with the broker down, say so on the job at once rather than
    keep the officer waiting (the upload can simply be sent again later)."""
    try:
        task.apply_async(args=[str(job_pk)], retry=False, ignore_result=True)
    except Exception:
        log.warning("Import job %s not queued: the task broker is unavailable", job_pk)
        ImportJob.objects.filter(pk=job_pk, state=ImportJob.State.PENDING).update(
            state=ImportJob.State.FAILED,
            progress=100,
            message=(
                "The parsing service is unavailable at the moment, so this file was not read. "
                "Nothing was saved: upload it again in a few minutes."
            ),
        )


def import_job_parse(*, job: ImportJob) -> ImportJob:
    """Build the job's proposal, reporting progress on the job row as it goes."""
    encoding = ((job.proposal or {}).get("request") or {}).get("encoding", "")

    def progress(percent: int, label: str) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.PARSING, progress=percent, message=label
        )

    progress(1, "Starting")
    try:
        proposal = proposal_prepare(
            bytes(job.content), filename=job.filename, encoding=encoding, progress=progress
        )
    except ImportRefused as refusal:
        job.state, job.message, job.progress = ImportJob.State.FAILED, refusal.message, 100
        job.save(update_fields=["state", "message", "progress", "updated_at"])
        return job
    except Exception:
        log.exception("Parsing import job %s failed", job.pk)
        job.state, job.progress = ImportJob.State.FAILED, 100
        job.message = (
            "The importer failed on this file. Nothing was saved. Please send the file to an "
            "administrator."
        )
        job.save(update_fields=["state", "message", "progress", "updated_at"])
        raise
    if job.source_url:
        proposal["statement"]["source_url"] = job.source_url
    job.proposal = proposal
    job.state, job.progress = ImportJob.State.READY, 100
    job.message = (proposal.get("duplicate_of") or {}).get("message", "Ready for review.")
    job.save(update_fields=["proposal", "state", "progress", "message", "updated_at"])
    return job


def _require_state(job: ImportJob, *states: str) -> None:
    if job.state not in states:
        raise ImportRefused(
            ImportRefused.STALE,
            f"This import is {job.get_state_display().lower()}; it can no longer be changed.",
        )


@transaction.atomic
def import_job_review(
    *, job: ImportJob, meeting_values: dict, mentions: dict, candidates: dict
) -> ImportJob:
    """Store an officer's corrections: meeting details, each mention, each proposed initiative.

    `mentions` maps a mention key to {keep, status, expected_text}; `candidates` maps a
    candidate key to {action, merge_into, name, acronym, kind}.
    """
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY)
    proposal = job.proposal
    proposal["meeting_values"] = {**proposal.get("meeting_values", {}), **meeting_values}
    for row in proposal["mentions"]:
        edit = mentions.get(row["key"])
        if edit:
            row.update({k: v for k, v in edit.items() if k in ("keep", "status", "expected_text")})
            if "expected_text" in edit:
                row["expected_date"] = _expected_date(edit["expected_text"], row)
                row["expected_precision"] = _expected_precision(edit["expected_text"])
    merge_names = dict(
        Initiative.objects.filter(
            pk__in=[c.get("merge_into") for c in candidates.values() if c.get("merge_into")]
        ).values_list("pk", "name")
    )
    for row in proposal["candidates"]:
        edit = candidates.get(row["key"])
        if edit:
            row.update(
                {
                    k: v
                    for k, v in edit.items()
                    if k in ("action", "merge_into", "name", "acronym", "kind")
                }
            )
            row["merge_into_name"] = merge_names.get(row.get("merge_into"), "")
            for mention in proposal["mentions"]:
                if mention["target"].get("key") == row["key"]:
                    mention["target"]["name"] = row["name"]
    job.proposal = proposal
    job.save(update_fields=["proposal", "updated_at"])
    return job


def _expected_date(text: str, row: dict) -> str | None:
    from .dates import find_expected

    found = find_expected(f"in {text}") if text else None
    return found.date.isoformat() if found else None


def _expected_precision(text: str) -> str:
    """How exact an officer's expected words are ("early 2023" is a half-year)."""
    from .dates import find_expected

    found = find_expected(f"in {text}") if text else None
    return found.precision if found else ""


@transaction.atomic
def import_job_confirm(*, job: ImportJob, user=None) -> ImportOutcome:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY)
    outcome = proposal_confirm(proposal=job.proposal, user=user)
    job.state = ImportJob.State.CONFIRMED
    job.statement = outcome.statement
    job.message = outcome.message
    job.save(update_fields=["state", "statement", "message", "updated_at"])
    return outcome


@transaction.atomic
def import_job_discard(*, job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY, ImportJob.State.FAILED, ImportJob.State.PENDING)
    job.state = ImportJob.State.DISCARDED
    job.content = b""
    job.message = "Discarded: nothing was saved."
    job.save(update_fields=["state", "content", "message", "updated_at"])
    return job
