"""Reads about partners: lists, and what the tracking record says about one partner.

The partner pages (partners/views.py) know nothing of initiatives: this app registers
`partner_list` and `partner_page_context` with them (partners/pages.py, from apps.py ready()).
What the meetings said of a partner (paragraphs naming it, mentions over time) is read in
selectors.partner_mentions. Like the other selectors, each function answers with a fixed
number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Generic, TypeVar

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lower

from partners.models import Partner
from tracker.lookups import count_per_row
from tracker.text import ordinal

from ..choices import PartnerRole
from ..models import (
    Initiative,
    InitiativePartner,
    Mention,
    ProgressUpdate,
)
from .partner_mentions import linked_initiative_ids, paragraphs_naming, partner_mentions_over_time

T = TypeVar("T")

# What lists of initiatives on the page show: a link, the label and a status badge.
_INITIATIVE_FIELDS = ("name", "slug", "acronym", "status")


def partner_list() -> QuerySet[Partner]:
    """Partners with the number of initiatives they take part in, lead or agree a work plan for."""
    roles = InitiativePartner.objects.filter(partner=OuterRef("pk"))
    led = Initiative.objects.filter(lead_body=OuterRef("pk"))
    return Partner.objects.select_related("parent").annotate(
        role_count=count_per_row(roles, "partner", "initiative", distinct=True),
        led_count=count_per_row(led, "lead_body", "pk"),
    )


# Long sections of a partner's page list the first rows and say how many there are in all;
# a partner of a thousand initiatives must not make a page of a thousand rows.
ROLE_LIMIT = 50
WORK_PLAN_LIMIT = 50
NAMED_LIMIT = 50
NOTE_LIMIT = 20


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
    concerned = linked_initiative_ids(partner).union(
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
