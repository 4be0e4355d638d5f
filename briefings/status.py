"""Which status holds on the eve of a meeting, asked of the tracker's status rules.

The pack has no status logic of its own: for a coming meeting it reads the status the tracker
stores on each initiative; for a past one, the status rebuilt from the evidence dated up to the
eve (initiatives.as_of).
"""

from __future__ import annotations

from datetime import date

from initiatives.as_of import statuses_as_of
from initiatives.models import Initiative, Meeting


def holdings_on_eve(
    ids: list[int],
    meeting: Meeting,
    as_on: date,
    *,
    past: bool,
    initiatives: dict[int, Initiative],
) -> dict[int, tuple[str, date | None]]:
    """initiative id -> (status, since when) on the eve of `meeting`."""
    if not past:
        return {
            pk: (initiatives[pk].status, initiatives[pk].status_changed_on)
            for pk in ids
            if pk in initiatives
        }
    wanted = set(ids)
    return {
        row.initiative.pk: (row.status, row.since)
        for row in statuses_as_of(as_on)
        if row.initiative.pk in wanted
    }
