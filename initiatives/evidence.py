"""When a statement arrives for a meeting known from reports: quotations replace reports.

One rule, used by the statement importer's confirmation and by the reference loader: at a
meeting with a stored statement, a report-based mention of an initiative that the statement
also quotes is replaced by that quotation (it stays as a second source and no longer counts);
a report-based mention of an initiative the statement does not mention is flagged for an
officer (`needs_review`), never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .choices import STATUS_RANK, EvidenceKind
from .models import Meeting, Mention

NOT_SUPPORTED = "The statement of the {meeting} does not mention it: the report is not supported."


@dataclass
class Reconciliation:
    replaced: list[Mention] = field(default_factory=list)
    flagged: list[Mention] = field(default_factory=list)

    @property
    def initiative_ids(self) -> set[int]:
        return {m.initiative_id for m in [*self.replaced, *self.flagged]}


def quotations_by_initiative(meeting: Meeting) -> dict[int, Mention]:
    """The quotation of each initiative in the meeting's statements: the most advanced one."""
    best: dict[int, Mention] = {}
    quotations = Mention.objects.filter(meeting=meeting, paragraph__isnull=False).order_by(
        "paragraph__statement_id", "paragraph__number"
    )
    for mention in quotations:
        held = best.get(mention.initiative_id)
        if held is None or STATUS_RANK.get(mention.status, 0) > STATUS_RANK.get(held.status, 0):
            best[mention.initiative_id] = mention
    return best


def reports_at(meeting: Meeting):
    return Mention.objects.filter(
        meeting=meeting, paragraph__isnull=True, evidence=EvidenceKind.REPORT
    ).select_related("initiative")


@transaction.atomic
def meeting_reports_reconcile(*, meeting: Meeting) -> Reconciliation:
    """Point each report at the quotation that replaces it, or flag it when none does.

    Does nothing at a meeting without a statement. Saving only what changes keeps a second run
    silent (no history row, no signal).
    """
    outcome = Reconciliation()
    if not meeting.statements.exists():
        return outcome
    quotations = quotations_by_initiative(meeting)
    flag = NOT_SUPPORTED.format(meeting=meeting.short_name)[:300]
    for report in reports_at(meeting):
        quotation = quotations.get(report.initiative_id)
        if quotation is not None:
            wanted = (quotation.pk, "")
        elif report.replaced_by_id is not None:
            wanted = (report.replaced_by_id, "")  # an officer's or an earlier decision stands
        else:
            wanted = (None, report.needs_review or flag)
        if (report.replaced_by_id, report.needs_review) == wanted:
            continue
        report.replaced_by_id, report.needs_review = wanted
        report.save(update_fields=["replaced_by", "needs_review", "updated_at"])
        (outcome.replaced if quotation is not None else outcome.flagged).append(report)
    return outcome


@dataclass(frozen=True)
class ReportPreview:
    """For the import review: a report of the meeting and what confirming will do with it."""

    report: Mention
    paragraphs: tuple[int, ...]  # the paragraphs quoting its initiative; () when none does
    said: str  # the furthest status those paragraphs say

    @property
    def replaced(self) -> bool:
        return bool(self.paragraphs)


def reports_preview(proposal) -> list[ReportPreview]:
    """Each report-based mention of the proposal's meeting, with the quotations that will
    replace it (the kept mentions of the same initiative, merged candidates included) or none,
    in which case confirming flags it for review. `proposal`: the importer's typed Proposal."""
    meeting = proposal.meeting
    stored = Meeting.objects.filter(series=meeting.series, number=meeting.number).first()
    if stored is None:
        return []
    merged = {c.key: c.merge_into for c in proposal.candidates if c.action == "merge"}
    quoted: dict[int, list[tuple[int, str]]] = {}
    for row in proposal.mentions:
        if not row.keep:
            continue
        pk = row.target.id if row.target.known else merged.get(row.target.key)
        if pk:
            quoted.setdefault(int(pk), []).append((row.paragraph, row.status or ""))
    previews = []
    for report in reports_at(stored).order_by("initiative__name"):
        said = quoted.get(report.initiative_id, [])
        best = max((s for _, s in said), key=lambda s: STATUS_RANK.get(s, 0), default="")
        previews.append(ReportPreview(report, tuple(sorted({n for n, _ in said})), best))
    return previews
