"""One initiative: its facts, timeline across meetings, updates and history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import (
    Prefetch,
)
from django.utils.formats import date_format

from partners.models import Partner

from .. import status as engine
from ..models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    ProgressUpdate,
)
from .evidence import meeting_key, mention_evidence, update_evidence


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

    @property
    def holds_label(self) -> str:
        return engine.status_label(self.holds)


def initiative_timeline(initiative: Initiative) -> list[TimelineEntry]:
    """One entry per meeting, in date order, with the paragraphs quoted or the reports cited,
    and the status the engine reads there (a report replaced by a quotation is listed with it
    as a second source, and counts once)."""
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
    evidence = update_evidence([initiative.pk])[initiative.pk]
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


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str  # created / changed / deleted
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # field, before, after


_HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
_FK_LABELLERS = {
    "lead_body": Partner,
    "work_plan_partner": Partner,
    "parent": Initiative,
    "owner": get_user_model(),
}


def _record_label(obj) -> str:
    if hasattr(obj, "get_username"):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def initiative_history(initiative: Initiative, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what and when, newest first, with readable before and after values."""
    records = list(
        initiative.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    # Foreign keys are stored as ids in the history: name them with one query per model.
    ids: dict[type, set] = defaultdict(set)
    for record in records:
        for attname, model in _FK_LABELLERS.items():
            value = getattr(record, f"{attname}_id", None)
            if value:
                ids[model].add(value)
    names = {
        model: {obj.pk: _record_label(obj) for obj in model.objects.filter(pk__in=pks)}
        for model, pks in ids.items()
    }
    fields = {f.name: f for f in Initiative._meta.get_fields() if hasattr(f, "verbose_name")}

    def show(name: str, value) -> str:
        if value in (None, ""):
            return "—"
        if isinstance(value, date):
            return date_format(value, "j M Y")
        model = _FK_LABELLERS.get(name)
        if model is not None:
            return names.get(model, {}).get(value, f"#{value}")
        field_obj = fields.get(name)
        if field_obj is not None and getattr(field_obj, "choices", None):
            return str(dict(field_obj.choices).get(value, value))
        return str(value)

    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        user = newer.history_user
        entry = HistoryEntry(
            when=newer.history_date,
            who=(user.get_full_name() or user.get_username()) if user else "system",
            kind=_HISTORY_KINDS.get(newer.history_type, newer.history_type),
        )
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(
                older,
                excluded_fields=[f for f in ("updated_at", "created_at", "version") if f in fields],
            )
            for change in delta.changes:
                label = getattr(fields.get(change.field), "verbose_name", change.field)
                entry.changes.append(
                    (str(label), show(change.field, change.old), show(change.field, change.new))
                )
        entries.append(entry)
    return entries
