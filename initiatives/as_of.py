"""The status of every initiative as it stood on a past date or at a past meeting.

Rebuilt from the evidence dated up to that day by the status engine (initiatives/status.py),
the same reading as the stored status, the matrix and the comparisons. Four queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import status as engine
from .models import Initiative, Meeting
from .selectors.evidence import evidence_by_initiative, meeting_keys


@dataclass
class AsOfRow:
    initiative: Initiative
    status: str  # as it stood on the day ("" when nothing had been said)
    since: date | None
    source: str  # "meeting" / "update" / ""
    source_label: str

    @property
    def status_label(self) -> str:
        return engine.status_label(self.status) if self.status else ""

    @property
    def change_since(self) -> str:
        """How the current status compares with the one on the day."""
        if not self.status and not self.initiative.status:
            return "unchanged"
        if not self.status:
            return "new"
        return engine.compare_statuses(self.status, self.initiative.status)


def statuses_as_of(on: date, *, meeting: Meeting | None = None) -> list[AsOfRow]:
    """Every initiative with its status at the end of `on` (or at `meeting`), in name order."""
    keys = meeting_keys()
    names = {m.pk: m.short_name for m in Meeting.objects.only("series", "number")}
    evidence = evidence_by_initiative(until=on, meetings=keys)
    rows = []
    for initiative in Initiative.objects.select_related("lead_body").order_by("name"):
        said = evidence.get(initiative.pk, [])
        holding = (
            engine.status_at_meeting(said, keys[meeting.pk])
            if meeting is not None
            else engine.status_on(said, on)
        )
        source, label = "", ""
        if holding.source == engine.Source.UPDATE:
            source, label = "update", "progress update"
        elif holding.meeting is not None:
            source, label = "meeting", names.get(holding.meeting.id, "")
        rows.append(AsOfRow(initiative, holding.status, holding.since, source, label))
    return rows
