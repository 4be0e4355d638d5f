"""One initiative: its facts, timeline across meetings and updates (history: tracker/history.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Prefetch,
)

from .. import status as engine
from ..models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    ProgressUpdate,
)
from .evidence import meeting_key, mention_evidence, update_evidence, updates_as_evidence


def initiative_for_detail(slug: str) -> Initiative:
    """One initiative with its facts, partners, outcomes, parent and children loaded."""
    roles = Prefetch(
        "partner_roles",
        queryset=InitiativePartner.objects.select_related("partner").order_by(
            "role", "partner__name"
        ),
    )
    children = Prefetch("children", queryset=Initiative.objects.order_by("name"))
    return (
        Initiative.objects.select_related("lead_body", "parent", "owner", "work_plan_partner")
        .prefetch_related(roles, children, "outcomes__masterplan")
        .get(slug=slug)
    )


@dataclass
class TimelineEntry:
    """One meeting in an initiative's timeline, with every mention made there."""

    meeting: Meeting
    mentions: list[Mention]
    status: str  # what the meeting said, as the engine reads it ("" when nothing)
    change: str = ""  # advanced / regressed against the status that held before
    previous_status: str = ""
    holds: str = ""  # the status that holds at the meeting (carried over when nothing said)

    @property
    def status_label(self) -> str:
        return engine.status_label(self.status) if self.status else ""


def initiative_timeline(
    initiative: Initiative, updates: Iterable[ProgressUpdate] | None = None
) -> list[TimelineEntry]:
    """One entry per meeting, in date order, with the paragraphs quoted or the reports cited,
    and the status the engine reads there (a report replaced by a quotation is listed with it
    as a second source, and counts once).

    `updates`: the initiative's progress updates when the page has them already; withdrawn
    ones may be left out, as they never move the status."""
    mentions = (
        initiative.mentions.select_related("meeting", "paragraph__statement")
        .order_by("meeting__start_date", "meeting__number", "paragraph__number")
        .all()
    )
    entries: list[TimelineEntry] = []
    by_meeting: dict[int, TimelineEntry] = {}
    for mention in mentions:
        entry = by_meeting.get(mention.meeting_id)
        if entry is None:
            entry = TimelineEntry(meeting=mention.meeting, mentions=[], status="")
            by_meeting[mention.meeting_id] = entry
            entries.append(entry)
        entry.mentions.append(mention)
    if updates is None:
        evidence = update_evidence([initiative.pk])[initiative.pk]
    else:
        evidence = updates_as_evidence(updates)
    evidence += [
        mention_evidence(meeting_key(m.meeting), m.status, m.evidence, m.replaced_by_id)
        for m in mentions
    ]
    read = engine.at_meetings(evidence, [meeting_key(entry.meeting) for entry in entries])
    for entry in entries:
        at = read[entry.meeting.pk]
        entry.status, entry.holds = at.said, at.at.status
        if at.change:
            entry.change, entry.previous_status = at.change, at.before.status
    return entries


def initiative_updates(initiative: Initiative) -> list[ProgressUpdate]:
    """Progress updates and country notes in date order (withdrawn ones left out)."""
    return list(
        initiative.progress_updates.filter(withdrawn_at__isnull=True)
        .select_related("author", "member_state")
        .order_by("date", "created_at")
    )
