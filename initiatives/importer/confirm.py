"""Saving a confirmed proposal: the meeting, the statement verbatim with its paragraphs, the
accepted and merged initiatives, the mentions, the planned meetings and the refreshed statuses,
in one transaction: either all of it lands or none of it.

The rules of each write live in the domain services (initiatives/services.py): the meeting
through `meeting_record_held`, announced ones through `meeting_announce`, new initiatives
through `initiative_create_found` (fields, reserved slugs, validation, history, topics), merged
names through `initiative_add_spellings`, the statement through `statement_create` (a corrected
version through `statement_correct`), the mentions through `mentions_record_quoted` and
expectations through `initiative_expect_from`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from partners.models import Partner

from .. import services as tracking
from ..choices import STATUS_RANK, DatePrecision, InitiativeKind
from ..evidence import meeting_reports_reconcile
from ..models import Initiative, Meeting, Mention, Statement
from .compare import duplicate_refusal, meeting_contradiction, stored_duplicate
from .dates import find_expected
from .errors import ImportRefused
from .proposal import ACCEPT, MERGE, Candidate, PlannedMeeting, Proposal
from .proposal import Mention as ProposedMention


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


def expected_precision(text: str) -> str:
    """How exact expected words are ("early 2023" is a half-year)."""
    found = find_expected(f"in {text}") if text else None
    return found.precision if found else ""


def _meeting_save(proposal: Proposal, user) -> Meeting:
    meeting_info, values = proposal.meeting, proposal.values()
    series, number = meeting_info.series, meeting_info.number
    problem = meeting_contradiction(
        series, number, values.start_date, values.end_date, values.host_id
    )
    if problem:
        raise ImportRefused(ImportRefused.CONTRADICTS, problem)
    start, end = _date(values.start_date), _date(values.end_date)
    if start and end and end < start:
        raise ImportRefused(
            ImportRefused.CONTRADICTS, "The meeting's end date is before its start date."
        )
    return tracking.meeting_record_held(
        user=user,
        series=series,
        number=number,
        title=(values.title or "")[:300],
        start_date=start,
        end_date=end,
        venue=(values.venue or "")[:300],
        host=_partner(values.host_id),
        chair_name=(values.chair_name or "")[:200],
        chair_title=(values.chair_title or "")[:300],
        chair_country=_partner(values.chair_country_id),
        vice_chair_name=(values.vice_chair_name or "")[:200],
        vice_chair_title=(values.vice_chair_title or "")[:300],
        vice_chair_country=_partner(values.vice_chair_country_id),
        theme=(values.theme or "")[:300],
        declaration=(values.declaration or "")[:300],
    )


def _statement_save(meeting: Meeting, proposal: Proposal, user) -> tuple[Statement, bool]:
    info, source = proposal.statement, proposal.source
    existing = Statement.objects.filter(meeting=meeting, kind=info.kind).first()
    if existing is None:
        statement = tracking.statement_create(
            meeting=meeting,
            text=info.text,
            paragraphs=proposal.paragraphs,
            kind=info.kind,
            title=(info.title or "")[:300],
            source_url=(info.source_url or "")[:500],
            source_filename=(source.filename or "")[:255],
            source_format=source.format or "",
            issued_on=info.issued_on,
            user=user,
        )
        return statement, True
    # A corrected version: same statement, new text; paragraphs updated in place by number.
    statement = tracking.statement_correct(
        statement=existing,
        text=info.text,
        paragraphs=proposal.paragraphs,
        source_filename=(source.filename or "")[:255],
        source_format=source.format or "",
        user=user,
    )
    return statement, False


def _initiative_from_candidate(candidate: Candidate, meeting: Meeting, user) -> Initiative:
    kind = candidate.kind if candidate.kind in InitiativeKind.values else InitiativeKind.OTHER
    return tracking.initiative_create_found(
        user=user,
        name=" ".join((candidate.name or "").split())[:300],
        partner_ids=candidate.partner_ids or [],
        acronym=(candidate.acronym or "")[:40],
        kind=kind,
        work_plan_partner=_partner(candidate.work_plan_partner_id),
        work_plan_year=candidate.work_plan_year,
        period_start=candidate.period_start,
        period_end=candidate.period_end,
        description=(
            f"Found by the statement importer in paragraph {candidate.paragraph} of the "
            f"statement of the {meeting.short_name}."
        ),
    )


def _merge_candidate(candidate: Candidate, user) -> Initiative | None:
    target = Initiative.objects.filter(pk=candidate.merge_into).first()
    if target is None:
        return None
    return tracking.initiative_add_spellings(
        initiative=target, user=user, name=candidate.name or "", acronym=candidate.acronym or ""
    )


def _candidates_save(proposal: Proposal, meeting: Meeting, user, outcome) -> dict:
    """Each candidate's initiative (created, merged into, or None when rejected), by key."""
    targets: dict[str, Initiative | None] = {}
    for candidate in proposal.candidates:
        targets[candidate.key] = None
        if candidate.action == ACCEPT:
            targets[candidate.key] = _initiative_from_candidate(candidate, meeting, user)
            outcome.created.append(targets[candidate.key])
        elif candidate.action == MERGE:
            targets[candidate.key] = _merge_candidate(candidate, user)
            if targets[candidate.key] is not None:
                outcome.merged.append(targets[candidate.key])
    return targets


def _wanted_mentions(proposal: Proposal, paragraphs: dict, targets: dict) -> dict:
    """(paragraph, initiative pk) -> (initiative, mention) for the mentions kept; of two that
    land on one initiative in one paragraph (a merge), the furthest along."""
    known = Initiative.objects.in_bulk([m.target.id for m in proposal.mentions if m.target.known])
    wanted: dict[tuple[int, int], tuple[Initiative, ProposedMention]] = {}
    for row in proposal.mentions:
        if not row.keep or row.paragraph not in paragraphs:
            continue
        target = row.target
        initiative = known.get(target.id) if target.known else targets.get(target.key)
        if initiative is None:
            continue
        key = (row.paragraph, initiative.pk)
        previous = wanted.get(key)
        if previous is None or STATUS_RANK.get(row.status, 0) > STATUS_RANK.get(
            previous[1].status, 0
        ):
            wanted[key] = (initiative, row)
    return wanted


def _mentions_save(proposal: Proposal, meeting, statement, paragraphs, wanted) -> int:
    rows = [
        {
            "initiative": initiative,
            "paragraph": paragraphs[number],
            "phrase": row.phrase,
            "matched_text": row.matched_text,
            "status": row.status,
            "expected_date": row.expected_date,
            "expected_text": row.expected_text,
            "expected_precision": row.expected_precision
            or expected_precision(row.expected_text or "")
            or DatePrecision.DAY,
        }
        for (number, _), (initiative, row) in wanted.items()
    ]
    source_url = proposal.statement.source_url or ""
    saved = tracking.mentions_record_quoted(
        meeting=meeting, rows=rows, source_url=source_url, statement=statement
    )
    return len(saved)


def _planned_save(rows: list[PlannedMeeting], meeting: Meeting, user) -> list[Meeting]:
    """The meetings the statement announces; what an earlier announcement said is kept where
    this one says nothing, and a meeting already held is left as it is."""
    saved = []
    for row in rows:
        stored = Meeting.objects.filter(series=row.series, number=row.number).first()
        if stored is not None and not stored.is_planned:
            continue  # already held: what happened wins over what was announced
        stored = stored or Meeting()
        planned = tracking.meeting_announce(
            user=user,
            series=row.series,
            number=row.number,
            title=stored.title or (row.title or "")[:300],
            venue=(row.venue or stored.venue)[:300],
            host=_partner(row.host_id) or stored.host,
            date_text=(row.date_text or stored.date_text)[:100],
            start_date=row.start_date or stored.start_date,
            notes=stored.notes
            or (
                f"Announced in paragraph {row.paragraph} of the statement of the "
                f"{meeting.short_name}."
            ),
        )
        if planned is not None:
            saved.append(planned)
    return saved


def _unchanged(proposal: Proposal) -> ImportOutcome | None:
    """The outcome of confirming a statement the tracker already holds: nothing changes."""
    duplicate = stored_duplicate(proposal.source.checksum)
    if duplicate is None and proposal.duplicate_of is None:
        return None
    if duplicate is not None:
        statement, message = duplicate, duplicate_refusal(duplicate).message
    else:
        statement = Statement.objects.filter(pk=proposal.duplicate_of.statement_id).first()
        message = proposal.duplicate_of.message
    return ImportOutcome(
        changed=False,
        message=message,
        meeting=statement.meeting if statement else None,
        statement=statement,
    )


@transaction.atomic
def proposal_confirm(*, proposal: Proposal, user=None, notify: bool = True) -> ImportOutcome:
    """Save a reviewed proposal: all of it, in one transaction, or nothing.

    With `notify`, focal points get a digest of what the statement changed (queued in this
    transaction through the outbox, so it is sent only if the import lands).
    """
    unchanged = _unchanged(proposal)
    if unchanged is not None:
        return unchanged
    meeting = _meeting_save(proposal, user)
    # Initiatives mentioned by the stored version: a correction may drop them.
    touched = set(
        Mention.objects.filter(
            paragraph__statement__meeting=meeting,
            paragraph__statement__kind=proposal.statement.kind,
        ).values_list("initiative_id", flat=True)
    )
    statement, created = _statement_save(meeting, proposal, user)
    paragraphs = {p.number: p for p in statement.paragraphs.all()}
    outcome = ImportOutcome(changed=True, message="", meeting=meeting, statement=statement)
    targets = _candidates_save(proposal, meeting, user, outcome)
    wanted = _wanted_mentions(proposal, paragraphs, targets)
    outcome.mentions = _mentions_save(proposal, meeting, statement, paragraphs, wanted)
    touched |= {initiative.pk for initiative, _ in wanted.values()}
    # Reports of this meeting that the statement quotes become second sources; the others are
    # flagged for an officer (initiatives/evidence.py).
    reconciled = meeting_reports_reconcile(meeting=meeting)
    outcome.replaced_reports, outcome.flagged_reports = reconciled.replaced, reconciled.flagged
    touched |= reconciled.initiative_ids
    for initiative in Initiative.objects.filter(pk__in=touched):
        tracking.initiative_refresh_status(initiative=initiative)
    for initiative, row in wanted.values():
        tracking.initiative_expect_from(
            initiative=initiative,
            meeting=meeting,
            expected=row.expected_date,
            text=row.expected_text or "",
            precision=row.expected_precision,
            status=row.status,
        )
    outcome.planned = _planned_save(proposal.planned_meetings, meeting, user)
    if notify:
        from ..reminders import notify_statement_confirmed

        notify_statement_confirmed(statement.pk)
    outcome.message = _message(outcome, created, len(paragraphs))
    return outcome


def _message(outcome: ImportOutcome, created: bool, paragraphs: int) -> str:
    verb = "Imported" if created else "Updated"
    message = (
        f"{verb} the statement of the {outcome.meeting.short_name}: {paragraphs} paragraphs, "
        f"{outcome.mentions} mentions, {len(outcome.created)} new initiatives"
        f"{f', {len(outcome.merged)} merged' if outcome.merged else ''}."
    )
    if outcome.replaced_reports or outcome.flagged_reports:
        message += (
            f" {len(outcome.replaced_reports)} reports of the meeting are now second sources of "
            f"its quotations; {len(outcome.flagged_reports)} the statement does not support are "
            "flagged for review."
        )
    return message
