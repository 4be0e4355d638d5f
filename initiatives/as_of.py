"""The status of every initiative as it stood on a past date or at a past meeting.

Rebuilt from the evidence dated up to that day, with the rules of
services.initiative_refresh_status: statuses said at held meetings and officers' progress
updates (not withdrawn ones, not country notes); the latest counts, the most advanced within one
meeting, an officer's update over a meeting on the same day. Two queries, whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.text import ordinal

from .choices import STATUS_RANK, Status, compare_status
from .models import Initiative, Mention, ProgressUpdate

OFFICER_RANK = 100  # same tie-break as initiative_refresh_status


@dataclass
class AsOfRow:
    initiative: Initiative
    status: str  # as it stood on the day ("" when nothing had been said)
    since: date | None
    source: str  # "meeting" / "update" / ""
    source_label: str

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""

    @property
    def change_since(self) -> str:
        """How the current status compares with the one on the day."""
        return compare_status(self.status or None, self.initiative.status or None)


def statuses_as_of(on: date) -> list[AsOfRow]:
    """Every initiative with its status on `on`, in name order."""
    best: dict[int, tuple] = {}  # initiative id -> (date, rank, status, source, label)

    def consider(pk: int, key: tuple) -> None:
        if pk not in best or key[:2] > best[pk][:2]:
            best[pk] = key

    mentions = (
        Mention.objects.exclude(status="")
        .filter(
            meeting__is_planned=False,
            meeting__start_date__isnull=False,
            meeting__start_date__lte=on,
        )
        .values_list(
            "initiative_id", "meeting__start_date", "status", "meeting__series", "meeting__number"
        )
    )
    for pk, day, status, series, number in mentions:
        label = f"{ordinal(number)} {series}"
        consider(pk, (day, STATUS_RANK.get(status, 0), status, "meeting", label))
    updates = (
        ProgressUpdate.objects.exclude(status="")
        .filter(member_state__isnull=True, withdrawn_at__isnull=True, date__lte=on)
        .values_list("initiative_id", "date", "status")
    )
    for pk, day, status in updates:
        consider(pk, (day, OFFICER_RANK, status, "update", "progress update"))
    rows = []
    for initiative in Initiative.objects.select_related("lead_body").order_by("name"):
        day, _, status, source, label = best.get(initiative.pk, (None, 0, "", "", ""))
        rows.append(AsOfRow(initiative, status, day, source, label))
    return rows
