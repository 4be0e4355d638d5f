"""The briefing pack's reads: what the record held of the initiatives in scope, up to the eve.

Each function is one query (two for the partners and outcomes), whatever the number of
initiatives; briefings.selectors.briefing_pack puts their answers together.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from initiatives.models import Initiative, InitiativePartner, Meeting, Mention, ProgressUpdate
from partners.choices import PartnerKind
from tracker.text import ordinal

from .content import Filters, Update, WorkPlanItem

PARTNER_KINDS = (PartnerKind.DIALOGUE_PARTNER, PartnerKind.DEVELOPMENT_PARTNER)


@dataclass
class Said:
    """One mention before the eve, as the pack reads it."""

    meeting_id: int
    meeting_slug: str
    meeting: str
    on: date
    paragraph: int | None
    paragraph_text: str
    matched_text: str
    phrase: str
    status: str
    evidence: str
    source_url: str
    publisher: str
    confidence: str
    expected_text: str
    expected_date: date | None
    expected_precision: str


def held_days(series: str, as_on: date) -> list[date]:
    """The days the meetings of the series were held, up to the eve, in order. One query."""
    return sorted(
        d
        for d in Meeting.objects.filter(
            series=series,
            is_planned=False,
            start_date__isnull=False,
            start_date__lte=as_on,
        ).values_list("start_date", flat=True)
    )


def mentions_before(ids: list[int], as_on: date) -> dict[int, list[Said]]:
    """initiative id -> its mentions at meetings held up to the eve, oldest first. One query."""
    rows = (
        Mention.objects.filter(
            initiative_id__in=ids,
            meeting__is_planned=False,
            meeting__start_date__isnull=False,
            meeting__start_date__lte=as_on,
            replaced_by__isnull=True,
        )
        .order_by("meeting__start_date", "paragraph__number", "pk")
        .values_list(
            "initiative_id",
            "meeting_id",
            "meeting__slug",
            "meeting__series",
            "meeting__number",
            "meeting__start_date",
            "paragraph__number",
            "paragraph__text",
            "matched_text",
            "phrase",
            "status",
            "evidence",
            "source_url",
            "publisher",
            "confidence",
            "expected_text",
            "expected_date",
            "expected_precision",
        )
    )
    out: dict[int, list[Said]] = defaultdict(list)
    for pk, meeting_id, slug, series, number, on, *rest in rows:
        out[pk].append(Said(meeting_id, slug, f"{ordinal(number)} {series}", on, *rest))
    return out


def updates_until(
    ids: list[int], as_on: date, *, since: date | None
) -> tuple[dict[int, list[Update]], list[Update]]:
    """(initiative id -> officers' progress updates, country notes), after `since` and up to the
    eve, withdrawn ones left out; newest first. One query."""
    queryset = ProgressUpdate.objects.filter(
        initiative_id__in=ids, withdrawn_at__isnull=True, date__lte=as_on
    )
    if since is not None:
        queryset = queryset.filter(date__gte=since)
    rows = queryset.order_by("-date", "-created_at").values_list(
        "initiative_id",
        "date",
        "status",
        "percent_complete",
        "summary",
        "evidence_url",
        "member_state__name",
        "member_state__short_name",
        "initiative__name",
        "initiative__slug",
    )
    updates: dict[int, list[Update]] = defaultdict(list)
    notes: list[Update] = []
    for pk, day, status, percent, summary, url, state, state_short, name, slug in rows:
        item = Update(day, status, percent, summary, url, state_short or state or "", name, slug)
        if state:
            notes.append(item)
        else:
            updates[pk].append(item)
    return updates, notes


def partners_and_outcomes(
    ids: list[int],
) -> tuple[dict[int, list[str]], dict[int, list[str]], set[int]]:
    """Partner labels and outcome codes per initiative, and the initiatives worked on with a
    dialogue or development partner (their paragraphs go to the partners' section). Two queries."""
    partners: dict[int, list[str]] = defaultdict(list)
    with_partner: set[int] = set()
    rows = (
        InitiativePartner.objects.filter(initiative_id__in=ids)
        .order_by("partner__name")
        .values_list("initiative_id", "partner__name", "partner__short_name", "partner__kind")
    )
    for pk, name, short, kind in rows:
        partners[pk].append(short or name)
        if kind in PARTNER_KINDS:
            with_partner.add(pk)
    outcomes: dict[int, list[str]] = defaultdict(list)
    through = Initiative.outcomes.through.objects.filter(initiative_id__in=ids)
    for pk, code in through.order_by("desiredoutcome__code").values_list(
        "initiative_id", "desiredoutcome__code"
    ):
        outcomes[pk].append(code)
    return partners, outcomes, with_partner


def work_plans_due(meeting: Meeting, as_on: date, filters: Filters) -> list[WorkPlanItem]:
    """Each dialogue partner whose latest work plan (by its year, or the end of its period)
    ends before the meeting's year. One query."""
    year = (meeting.start_date or as_on).year
    plans = Initiative.objects.filter(work_plan_partner__isnull=False)
    if filters.partner:
        plans = plans.filter(work_plan_partner__slug=filters.partner)
    latest: dict[str, tuple[int, str, str, str]] = {}
    for partner, short, name, slug, plan_year, period_end, status in plans.order_by().values_list(
        "work_plan_partner__name",
        "work_plan_partner__short_name",
        "name",
        "slug",
        "work_plan_year",
        "period_end",
        "status",
    ):
        plan_ends = plan_year or period_end or 0
        label = short or partner
        if label not in latest or plan_ends > latest[label][0]:
            latest[label] = (plan_ends, name, slug, status)
    return [
        WorkPlanItem(label, name, slug, plan_ends or None, status, year)
        for label, (plan_ends, name, slug, status) in sorted(latest.items())
        if plan_ends < year
    ]
