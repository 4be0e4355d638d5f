"""Reads about partners: lists, and what the tracking record says about one partner.

The partner pages (partners/views.py) know nothing of initiatives: this app registers
`partner_list` and `partner_page_context` with them (partners/pages.py, from apps.py ready()).
Like the other selectors, each function answers with a fixed number of queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Generic, TypeVar

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lower, RowNumber

from partners.models import Partner
from tracker.text import ordinal

from ..choices import STATUS_RANK, PartnerRole, Status
from ..models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
)
from .meetings import slug_url_maker

T = TypeVar("T")
M = TypeVar("M", bound=Model)

# What lists of initiatives on the page show: a link, the label and a status badge.
_INITIATIVE_FIELDS = ("name", "slug", "acronym", "status")


def partner_list() -> QuerySet[Partner]:
    """Partners with the number of initiatives they take part in, lead or agree a work plan for."""
    roles = (
        InitiativePartner.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("initiative", distinct=True))
        .values("n")[:1]
    )
    led = (
        Initiative.objects.filter(lead_body=OuterRef("pk"))
        .order_by()
        .values("lead_body")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Partner.objects.select_related("parent").annotate(
        role_count=Coalesce(Subquery(roles), Value(0)),
        led_count=Coalesce(Subquery(led), Value(0)),
    )


# Long sections of a partner's page list the first rows and say how many there are in all;
# a partner of a thousand initiatives must not make a page of a thousand rows.
ROLE_LIMIT = 50
WORK_PLAN_LIMIT = 50
NAMED_LIMIT = 50
NOTE_LIMIT = 20
MENTIONS_PER_MEETING = 10
PARAGRAPHS_PER_MEETING = 20


@dataclass
class Capped(Generic[T]):
    """The first rows of a longer list, and how many rows the whole list has."""

    items: list[T]
    total: int

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _capped(queryset: QuerySet, limit: int) -> Capped:
    """The first `limit` rows of a queryset and its count, in one query (a window count)."""
    rows = list(queryset.annotate(capped_total=Window(Count("pk")))[:limit])
    return Capped(rows, rows[0].capped_total if rows else 0)


def partner_roles(partner: Partner, *, limit: int = ROLE_LIMIT) -> Capped[InitiativePartner]:
    """The partner's roles in initiatives (funder, implementer ...), by initiative name."""
    roles = (
        partner.initiative_roles.select_related("initiative")
        .only("role", "partner", *(f"initiative__{f}" for f in _INITIATIVE_FIELDS))
        .order_by(Lower("initiative__name"), "initiative__name", "role")
    )
    return _capped(roles, limit)


def led_initiatives(partner: Partner, *, limit: int = ROLE_LIMIT) -> Capped[Initiative]:
    return _capped(
        partner.led_initiatives.only(*_INITIATIVE_FIELDS, "lead_body").order_by(
            Lower("name"), "name"
        ),
        limit,
    )


@dataclass
class WorkPlans:
    """The newest of a partner's yearly work plans grouped by year, and how many there are."""

    by_year: list[tuple[int | None, list[Initiative]]]
    shown: int
    total: int

    @property
    def more(self) -> int:
        return self.total - self.shown


def work_plans_by_year(partner: Partner, *, limit: int = WORK_PLAN_LIMIT) -> WorkPlans:
    """The yearly work plans agreed with a partner, newest year first."""
    plans = _capped(
        partner.work_plans.only(
            *_INITIATIVE_FIELDS, "work_plan_partner", "work_plan_year"
        ).order_by(F("work_plan_year").desc(nulls_last=True), "name"),
        limit,
    )
    by_year = [
        (year, list(items)) for year, items in groupby(plans, key=lambda i: i.work_plan_year)
    ]
    return WorkPlans(by_year=by_year, shown=len(plans), total=plans.total)


def _name_pattern(partner: Partner) -> str:
    """A regex matching any spelling of the partner as a whole word.

    Written with character classes rather than \\b, which PostgreSQL reads differently from
    SQLite (Python's re); case-sensitive so that "US" does not match "us".
    """
    names = sorted({n for n in partner.names() if len(n) >= 2}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return rf"(^|[^A-Za-z0-9])({alternatives})([^A-Za-z0-9]|$)"


def paragraphs_naming(partner: Partner) -> QuerySet[Paragraph]:
    return Paragraph.objects.filter(text__regex=_name_pattern(partner))


def _linked_initiative_ids(partner: Partner) -> QuerySet:
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


def _role_mask(partner: Partner) -> Subquery:
    """The partner's roles in each initiative as one number, a bit per role."""
    bits = Sum(
        Case(
            *[When(role=role, then=Value(1 << i)) for i, role in enumerate(_ROLES)],
            default=Value(0),
        )
    )
    roles = (
        InitiativePartner.objects.filter(initiative=OuterRef("pk"), partner=partner)
        .order_by()
        .values("initiative")
        .annotate(mask=bits)
        .values("mask")[:1]
    )
    return Subquery(roles, output_field=IntegerField())


# Roles in the order the reasons name them.
_ROLES = sorted(PartnerRole.values)


@dataclass
class NamedItem:
    initiative: Initiative
    reasons: list[str]


def named_initiatives(partner: Partner, *, limit: int = NAMED_LIMIT) -> Capped[NamedItem]:
    """Initiatives that concern a partner, by name: its roles, what it leads, its work plans
    and the initiatives mentioned in paragraphs naming it; each with the reasons why."""
    named_paragraphs = paragraphs_naming(partner)
    concerned = _linked_initiative_ids(partner).union(
        Mention.objects.filter(paragraph__in=named_paragraphs).order_by().values("initiative_id")
    )
    initiatives = _capped(
        Initiative.objects.filter(pk__in=concerned)
        .only(*_INITIATIVE_FIELDS, "lead_body", "work_plan_partner")
        .annotate(role_mask=Coalesce(_role_mask(partner), Value(0)))
        .order_by(Lower("name"), "name"),
        limit,
    )
    reasons: dict[int, list[str]] = defaultdict(list)
    for initiative in initiatives:
        why = reasons[initiative.pk]
        why += [
            PartnerRole(role).label.lower()
            for i, role in enumerate(_ROLES)
            if initiative.role_mask & (1 << i)
        ]
        if initiative.lead_body_id == partner.pk:
            why.append("lead body")
        if initiative.work_plan_partner_id == partner.pk:
            why.append("work plan partner")
    if initiatives.items:
        named = (
            Mention.objects.filter(initiative__in=list(reasons), paragraph__in=named_paragraphs)
            .order_by("meeting__start_date", "paragraph__number")
            .values_list("initiative_id", "meeting__number", "meeting__series", "paragraph__number")
        )
        for initiative_id, number, series, paragraph in named:
            where = f"{ordinal(number)} {series}"
            reasons[initiative_id].append(f"in ¶{paragraph} of the {where}, which names it")
    items = [
        NamedItem(initiative=i, reasons=list(dict.fromkeys(reasons[i.pk]))) for i in initiatives
    ]
    return Capped(items, initiatives.total)


def initiatives_naming(partner: Partner, *, limit: int = NAMED_LIMIT) -> list[NamedItem]:
    """The first initiatives that concern a partner, by name (see named_initiatives)."""
    return named_initiatives(partner, limit=limit).items


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
        Mention.objects.filter(initiative_id__in=_linked_initiative_ids(partner))
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


def country_notes(partner: Partner, *, limit: int = NOTE_LIMIT) -> Capped[ProgressUpdate]:
    """A member state's latest notes in date order (newest last), withdrawn ones left out."""
    latest = (
        ProgressUpdate.objects.filter(member_state=partner, withdrawn_at__isnull=True)
        .select_related("initiative", "author")
        .order_by("-date", "-created_at")
    )
    notes = _capped(latest, limit)
    notes.items.reverse()
    return notes


def partner_page_context(partner: Partner) -> dict:
    """What a partner's page shows of the tracking record (registered in initiatives/apps.py)."""
    context = {
        "roles": partner_roles(partner),
        "led": led_initiatives(partner),
        "work_plans": work_plans_by_year(partner),
        "mentions_over_time": partner_mentions_over_time(partner),
    }
    if partner.is_member_state:
        context["country_notes"] = country_notes(partner)
        context["named_items"] = named_initiatives(partner)
        # The same count the dashboard's empty state gives (paragraphs_naming), read here from
        # the per-meeting totals already loaded.
        context["naming_paragraphs"] = sum(e.paragraph_total for e in context["mentions_over_time"])
    return context
