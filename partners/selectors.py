"""Reads about partners: lists, and what the tracking record says about one partner.

Like initiatives.selectors, each function answers with a fixed number of queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from initiatives.models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
)
from initiatives.selectors import most_advanced
from tracker.text import ordinal

from .models import Partner


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


def partner_roles(partner: Partner) -> list[InitiativePartner]:
    return list(
        partner.initiative_roles.select_related("initiative").order_by("initiative__name", "role")
    )


def led_initiatives(partner: Partner) -> list[Initiative]:
    return list(partner.led_initiatives.order_by("name"))


def work_plans_by_year(partner: Partner) -> list[tuple[int | None, list[Initiative]]]:
    """The yearly work plans agreed with a partner, newest year first."""
    plans = partner.work_plans.order_by("-work_plan_year", "name")
    return [(year, list(items)) for year, items in groupby(plans, key=lambda i: i.work_plan_year)]


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


@dataclass
class NamedItem:
    initiative: Initiative
    reasons: list[str]


def initiatives_naming(partner: Partner, *, limit: int = 50) -> list[NamedItem]:
    """Initiatives that concern a partner: its roles, what it leads, and paragraphs naming it."""
    reasons: dict[int, list[str]] = defaultdict(list)
    for initiative_id, role in InitiativePartner.objects.filter(partner=partner).values_list(
        "initiative_id", "role"
    ):
        reasons[initiative_id].append(InitiativePartner(role=role).get_role_display().lower())
    for initiative_id in Initiative.objects.filter(lead_body=partner).values_list("pk", flat=True):
        reasons[initiative_id].append("lead body")
    for initiative_id in Initiative.objects.filter(work_plan_partner=partner).values_list(
        "pk", flat=True
    ):
        reasons[initiative_id].append("work plan partner")
    named = (
        Mention.objects.filter(paragraph__in=paragraphs_naming(partner))
        .order_by("meeting__start_date", "paragraph__number")
        .values_list("initiative_id", "meeting__number", "meeting__series", "paragraph__number")
    )
    for initiative_id, number, series, paragraph in named:
        where = f"{ordinal(number)} {series}"
        reasons[initiative_id].append(f"in ¶{paragraph} of the {where}, which names it")
    initiatives = Initiative.objects.in_bulk(list(reasons))
    items = [
        NamedItem(initiative=initiatives[pk], reasons=list(dict.fromkeys(why)))
        for pk, why in reasons.items()
        if pk in initiatives
    ]
    items.sort(key=lambda item: item.initiative.name.casefold())
    return items[:limit]


@dataclass
class MeetingMentions:
    meeting: Meeting
    mentions: list[Mention]
    paragraphs: list[int]


def partner_mentions_over_time(partner: Partner) -> list[MeetingMentions]:
    """Per meeting: the partner's initiatives mentioned there and the paragraphs naming it."""
    linked = Initiative.objects.filter(
        Q(partner_roles__partner=partner) | Q(lead_body=partner) | Q(work_plan_partner=partner)
    ).values("pk")
    by_meeting: dict[int, MeetingMentions] = {}
    for mention in (
        Mention.objects.filter(initiative__in=linked)
        .select_related("meeting", "initiative", "paragraph")
        .order_by("meeting__start_date", "meeting__number", "paragraph__number")
    ):
        entry = by_meeting.setdefault(mention.meeting_id, MeetingMentions(mention.meeting, [], []))
        # One line per initiative and meeting, with the most advanced status said there.
        same = next((m for m in entry.mentions if m.initiative_id == mention.initiative_id), None)
        if same is None:
            entry.mentions.append(mention)
        elif most_advanced([same.status, mention.status]) != same.status:
            entry.mentions[entry.mentions.index(same)] = mention
    for paragraph in paragraphs_naming(partner).select_related("statement__meeting"):
        meeting = paragraph.statement.meeting
        entry = by_meeting.setdefault(meeting.pk, MeetingMentions(meeting, [], []))
        entry.paragraphs.append(paragraph.number)
    entries = list(by_meeting.values())
    entries.sort(key=lambda e: (e.meeting.start_date or date.max, e.meeting.number))
    for entry in entries:
        entry.paragraphs.sort()
    return entries


def country_notes(partner: Partner, *, limit: int | None = None) -> list[ProgressUpdate]:
    """A member state's notes in date order (newest last), withdrawn ones left out."""
    qs = (
        ProgressUpdate.objects.filter(member_state=partner, withdrawn_at__isnull=True)
        .select_related("initiative", "author")
        .order_by("date", "created_at")
    )
    if limit is not None:
        return list(qs.reverse()[:limit])[::-1]
    return list(qs)
