"""What the secretariat prepares before a planned meeting ("before the 7th ADGMIN").

Four lists, each a fixed number of queries whatever the size of the record:
- expected by then: initiatives whose next step is due by the meeting and not yet met;
- asked to be reported at it: what the previous meeting's mentions expect "at the next
  meeting" (or on its dates);
- went silent at the previous meeting: from the status engine's comparison of the previous
  meeting with the one before it (selectors.meeting_comparison), one rule for every page;
- no progress update since the previous meeting: what the previous meeting named that no
  officer has updated since.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from .. import status as engine
from ..choices import Status
from ..models import Initiative, Meeting, Mention
from .meetings import Change, meeting_comparison, previous_meeting

NEXT_MEETING = re.compile(r"\b(next|\d+(?:st|nd|rd|th))\b.*\b(ADGMIN|meeting)\b", re.I)


@dataclass
class BeforeMeeting:
    meeting: Meeting
    previous: Meeting | None
    by: date | None  # the last day the meeting may fall on, as announced
    expected: list[Initiative] = field(default_factory=list)
    asked: list[Mention] = field(default_factory=list)
    silent: list[Change] = field(default_factory=list)
    not_updated: list[Initiative] = field(default_factory=list)


def meeting_last_day(meeting: Meeting) -> date | None:
    """The meeting's last possible day: its end date, else the end of the announced month."""
    if meeting.end_date:
        return meeting.end_date
    if meeting.start_date is None:
        return None
    if meeting.is_planned and meeting.start_date.day == 1:
        last = calendar.monthrange(meeting.start_date.year, meeting.start_date.month)[1]
        return meeting.start_date.replace(day=last)
    return meeting.start_date


def before_meeting(meeting: Meeting) -> BeforeMeeting:
    previous = previous_meeting(meeting)
    by = meeting_last_day(meeting)
    result = BeforeMeeting(meeting=meeting, previous=previous, by=by)
    open_ = ~Q(status__in=engine.ENDS)
    if by is not None:
        due = Q(expected_by__lte=by) | Q(expected_by__isnull=True, expected_date__lte=by)
        result.expected = list(
            Initiative.objects.filter(open_, due, expected_date__isnull=False)
            .exclude(expected_met=True)
            .order_by("expected_date", "name")
        )
    if previous is None:
        return result
    asked = Mention.objects.filter(meeting=previous, replaced_by__isnull=True).exclude(
        expected_text="", expected_date__isnull=True
    )
    asked = asked.select_related("initiative", "paragraph").order_by("initiative__name")
    result.asked = [
        m
        for m in asked
        if NEXT_MEETING.search(m.expected_text)
        or (m.expected_date and meeting.start_date and meeting.start_date <= m.expected_date <= by)
    ]
    earlier = previous_meeting(previous)
    if earlier is not None:
        result.silent = meeting_comparison(previous, previous=earlier).groups[
            engine.ChangeKind.SILENT
        ]
    named = Mention.objects.filter(meeting=previous, replaced_by__isnull=True).values(
        "initiative_id"
    )
    result.not_updated = list(
        Initiative.objects.filter(open_, pk__in=named)
        .exclude(kind__in=engine.ONE_OFF_KINDS)
        .filter(Q(last_update_on__isnull=True) | Q(last_update_on__lt=previous.start_date))
        .order_by("name")
    )
    return result


def meeting_status_summaries(meeting_ids: list[int]) -> dict[int, list[tuple[str, str, int]]]:
    """What each meeting said, for the meeting list: how many initiatives it put in each status
    ("4 adopted, 2 completed"), counting each mention once (a replaced report is a second
    source). One query for all the meetings."""
    rows = (
        Mention.objects.filter(meeting_id__in=meeting_ids, replaced_by__isnull=True)
        .exclude(status="")
        .order_by()
        .values_list("meeting_id", "status")
        .annotate(n=Count("initiative_id", distinct=True))
    )
    summaries: dict[int, list[tuple[str, str, int]]] = {}
    for meeting_id, status, n in rows:
        summaries.setdefault(meeting_id, []).append((status, engine.status_label(status), n))
    order = {s: i for i, s in enumerate(Status.values)}
    for items in summaries.values():
        items.sort(key=lambda item: order.get(item[0], 99))
    return summaries
