"""Reads about what the meetings said of one partner: the paragraphs naming it, and per meeting
the partner's initiatives mentioned there. The partner page's other sections are in
selectors.partners, which reads these too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Model,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from partners.models import Partner

from ..choices import STATUS_RANK, Status
from ..models import Initiative, InitiativePartner, Meeting, Mention, Paragraph
from .meetings import slug_url_maker

M = TypeVar("M", bound=Model)

MENTIONS_PER_MEETING = 10
PARAGRAPHS_PER_MEETING = 20


def name_pattern(partner: Partner) -> str:
    """A regex matching any spelling of the partner as a whole word.

    Written with character classes rather than \\b, which PostgreSQL reads differently from
    SQLite (Python's re); case-sensitive so that "US" does not match "us".
    """
    names = sorted({n for n in partner.names() if len(n) >= 2}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return rf"(^|[^A-Za-z0-9])({alternatives})([^A-Za-z0-9]|$)"


def paragraphs_naming(partner: Partner) -> QuerySet[Paragraph]:
    return Paragraph.objects.filter(text__regex=name_pattern(partner))


def linked_initiative_ids(partner: Partner) -> QuerySet:
    """Ids of the initiatives a partner has a role in, leads or agrees a work plan for.

    A union of three indexed lookups: the planner then knows it is a few rows, where one
    filter with OR across the roles would read every initiative.
    """
    return (
        InitiativePartner.objects.filter(partner=partner)
        .order_by()
        .values("initiative_id")
        .union(
            Initiative.objects.filter(lead_body=partner).order_by().values("pk"),
            Initiative.objects.filter(work_plan_partner=partner).order_by().values("pk"),
        )
    )


@dataclass
class MentionedInitiative:
    """One of a partner's initiatives mentioned at a meeting, with the most advanced status said."""

    initiative: Initiative
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""


@dataclass
class MeetingMentions:
    meeting: Meeting
    url: str
    mentions: list[MentionedInitiative] = field(default_factory=list)
    mention_total: int = 0
    paragraphs: list[int] = field(default_factory=list)
    paragraph_total: int = 0

    @property
    def more_mentions(self) -> int:
        return self.mention_total - len(self.mentions)

    @property
    def more_paragraphs(self) -> int:
        return self.paragraph_total - len(self.paragraphs)


# Statuses as numbers that order them as most_advanced() does: along the ladder, the statuses
# officers set below it; the vocabulary's order breaks ties, so each number names one status.
_STATUS_CODES = {s: STATUS_RANK.get(s, 0) * 10 + i for i, s in enumerate(Status.values)}
_STATUS_OF_CODE = {code: s for s, code in _STATUS_CODES.items()}


def _status_code() -> Case:
    whens = [When(status=s, then=Value(code)) for s, code in _STATUS_CODES.items()]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


_MEETING_FIELDS = ("id", "number", "series", "slug", "start_date")


def _partial(model: type[M], values: dict[str, object]) -> M:
    """An instance read along with other rows: the fields given, the others deferred."""
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db("default", fields, [values[f] for f in fields])


def _meeting(values: list) -> Meeting:
    return _partial(Meeting, dict(zip(_MEETING_FIELDS, values, strict=True)))


def partner_mentions_over_time(
    partner: Partner,
    *,
    per_meeting: int = MENTIONS_PER_MEETING,
    paragraphs_per_meeting: int = PARAGRAPHS_PER_MEETING,
) -> list[MeetingMentions]:
    """Per meeting: how many of the partner's initiatives were mentioned there, the first of
    them (in paragraph order, each with the most advanced status said), and the paragraphs
    naming the partner. Two queries, whatever the number of mentions."""
    meeting = {f"meeting_{f}": Max(f"meeting__{f}") for f in _MEETING_FIELDS[1:]}
    initiative = {f"initiative_{f}": Max(f"initiative__{f}") for f in ("name", "slug", "acronym")}
    mentioned = (
        Mention.objects.filter(initiative_id__in=linked_initiative_ids(partner))
        .values("meeting_id", "initiative_id")
        .annotate(
            first=Min("paragraph__number"),
            status_code=Max(_status_code()),
            **meeting,
            **initiative,
        )
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=F("meeting_id"),
                order_by=[F("first").asc(nulls_last=True), F("initiative_id").asc()],
            ),
            total=Window(Count("*"), partition_by=F("meeting_id")),
        )
        .filter(row__lte=per_meeting)
        .order_by("meeting_id", "row")
    )
    naming = (
        paragraphs_naming(partner)
        .values(*(f"statement__meeting__{f}" for f in _MEETING_FIELDS), "number")
        .annotate(
            row=Window(
                RowNumber(), partition_by=F("statement__meeting__id"), order_by=F("number").asc()
            ),
            total=Window(Count("*"), partition_by=F("statement__meeting__id")),
        )
        .filter(row__lte=paragraphs_per_meeting)
        .order_by("statement__meeting__id", "number")
    )
    initiative_url = slug_url_maker("initiatives:detail")
    meeting_url = slug_url_maker("initiatives:meeting_detail")
    by_meeting: dict[int, MeetingMentions] = {}

    def entry_for(values: list) -> MeetingMentions:
        if values[0] not in by_meeting:
            meeting = _meeting(values)
            by_meeting[values[0]] = MeetingMentions(meeting, meeting_url(meeting.slug))
        return by_meeting[values[0]]

    for row in mentioned:
        entry = entry_for([row["meeting_id"], *(row[key] for key in meeting)])
        entry.mention_total = row["total"]
        said = _partial(
            Initiative,
            {"id": row["initiative_id"], **{key[11:]: row[key] for key in initiative}},
        )
        status = _STATUS_OF_CODE.get(row["status_code"], "")
        entry.mentions.append(MentionedInitiative(said, status, initiative_url(said.slug)))
    for row in naming:
        entry = entry_for([row[f"statement__meeting__{f}"] for f in _MEETING_FIELDS])
        entry.paragraph_total = row["total"]
        entry.paragraphs.append(row["number"])
    entries = list(by_meeting.values())
    entries.sort(key=lambda e: (e.meeting.start_date or date.max, e.meeting.number))
    return entries
