"""What confirming an import would do to each known initiative's status, read by the status
engine before anything is written: the evidence stored now plus the proposed mentions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Initiative, Meeting
from ..selectors.evidence import evidence_by_initiative, meeting_keys
from ..status import Evidence, MeetingKey, Source, status_label, status_on
from .proposal import Proposal


@dataclass(frozen=True)
class Outlook:
    initiative: Initiative
    now: str
    after: str

    @property
    def changes(self) -> bool:
        return self.now != self.after

    @property
    def now_label(self) -> str:
        return status_label(self.now)

    @property
    def after_label(self) -> str:
        return status_label(self.after)


def status_outlook(proposal: Proposal) -> list[Outlook]:
    """Each known initiative the proposal mentions, with the status that holds now and the one
    that would hold once the statement is confirmed as it stands (corrections included)."""
    parsed = proposal.meeting
    start = proposal.values().start_date
    on = date.fromisoformat(start) if start else None
    said: dict[int, list[str]] = {}
    for row in proposal.mentions:
        if row.target.known and row.target.id:
            said.setdefault(int(row.target.id), []).append(row.status or "")
    if not said:
        return []
    keys = meeting_keys()
    stored = Meeting.objects.filter(series=parsed.series, number=parsed.number).first()
    # The statement's meeting as the engine will know it; an unsaved one gets no real id.
    meeting = MeetingKey(stored.pk if stored else -1, on, parsed.series, on is None)
    evidence = evidence_by_initiative(said, meetings=keys)
    rows = []
    for initiative in Initiative.objects.filter(pk__in=said).order_by("name"):
        before = evidence.get(initiative.pk, [])
        quoted = [Evidence(on, s, Source.STATEMENT, meeting) for s in said[initiative.pk]]
        rows.append(
            Outlook(initiative, status_on(before).status, status_on(before + quoted).status)
        )
    return rows
