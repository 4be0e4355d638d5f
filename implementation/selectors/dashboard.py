"""The focal point's "your country" block on the dashboard, and the reminder's lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from initiatives.models import Meeting
from partners.models import Partner

from ..choices import Stage, Verification
from ..models import ImplementationRecord, is_member_on
from .common import Capped, capped, last_held_meeting, percent, untracked_ids, without_record

DASHBOARD_LIMIT = 10


@dataclass
class CountryBlock:
    state: Partner
    to_update: Capped  # initiatives without a record first, then records older than the meeting
    queried: Capped
    stale: Capped
    since: Meeting | None
    next_meeting: Meeting | None
    state_percent: int | None
    region_percent: int | None
    stale_days: int


def needing_update(state: Partner, *, since: date | None, limit: int | None = None):
    """(records whose as-of date is before `since`, tracked initiatives without a record).

    The as-of date is what the focal point vouches for: re-saving a record unchanged moves it.
    With `limit`, each list holds at most that many (the dashboard); without, all (the email).
    """
    if not is_member_on(state, timezone.localdate()):
        return [], []
    old = ImplementationRecord.objects.none()
    if since is not None:
        old = (
            ImplementationRecord.objects.tracked()
            .filter(member_state=state, as_of__lt=since)
            .select_related("initiative", "member_state")
            .order_by("initiative__name")
        )
    missing = without_record(state).order_by("name")
    if limit is not None:
        return capped(old), capped(missing)
    return list(old), list(missing)


def _block_counts(state: Partner, *, old: Q, stale: Q) -> dict:
    """The block's counts in one pass over the records' index (member state, stage,
    verification, initiative, as-of), the records of untracked initiatives taken away."""
    untracked = Q(initiative__in=untracked_ids())
    rows = (
        ImplementationRecord.objects.order_by()
        .values_list("member_state_id", "stage", "verification")
        .annotate(
            n=Count("*"),
            untracked=Count("initiative", filter=untracked),
            old=Count("initiative", filter=old & ~untracked),
            stale=Count("initiative", filter=stale & ~untracked),
        )
    )
    counts = {
        "region": {"applicable": 0, "done": 0},
        "mine": {"applicable": 0, "done": 0},
        "old": 0,
        "queried": 0,
        "stale": 0,
    }
    for state_id, stage, verification, n, n_untracked, n_old, n_stale in rows:
        n -= n_untracked
        shares = [counts["region"], counts["mine"]] if state_id == state.pk else [counts["region"]]
        for share in shares:
            share["applicable"] += n if stage != Stage.NOT_APPLICABLE else 0
            share["done"] += n if stage == Stage.IMPLEMENTED else 0
        if state_id == state.pk and verification == Verification.QUERIED:
            counts["queried"] += n
        counts["old"] += n_old
        counts["stale"] += n_stale
    return counts


def country_block(
    state: Partner,
    *,
    today: date | None = None,
    since: Meeting | None = None,
    next_meeting: Meeting | None = None,
    meetings_known: bool = False,
) -> CountryBlock:
    """The dashboard's block in three queries (four with more than ten initiatives unreported):
    the dashboard already reads the meetings (`meetings_known`), and counts come from one
    pass over the records' index."""
    today = today or timezone.localdate()
    if not meetings_known:
        since = last_held_meeting(today)
        next_meeting = (
            Meeting.objects.filter(is_planned=True, start_date__gte=today)
            .order_by("start_date", "number")
            .first()
        )
    member = is_member_on(state, today)
    since_day = since.start_date if since and since.start_date else None
    stale_cutoff = today - timedelta(days=settings.STALE_AFTER_DAYS)
    mine = Q(member_state=state)
    old = mine & Q(as_of__lt=since_day) if since_day else Q(pk__in=[])
    queried = mine & Q(verification=Verification.QUERIED)
    stale = mine & Q(as_of__lt=stale_cutoff)
    counts = _block_counts(state, old=old, stale=stale)
    attention = list(
        ImplementationRecord.objects.tracked()
        .filter(old | queried | stale)
        .select_related("initiative", "member_state")
        .order_by("initiative__name")[: 3 * DASHBOARD_LIMIT]
    )
    missing = Capped([], 0)
    if member:
        missing = capped(without_record(state).order_by("name"), limit=DASHBOARD_LIMIT)
    old_records = [r for r in attention if since_day and r.as_of < since_day] if member else []
    return CountryBlock(
        state=state,
        to_update=Capped(
            [*missing.items, *old_records][:DASHBOARD_LIMIT],
            missing.total + (counts["old"] if member else 0),
        ),
        queried=Capped(
            [r for r in attention if r.verification == Verification.QUERIED][:DASHBOARD_LIMIT],
            counts["queried"],
        ),
        stale=Capped(
            [r for r in attention if r.as_of < stale_cutoff][:DASHBOARD_LIMIT], counts["stale"]
        ),
        since=since,
        next_meeting=next_meeting,
        state_percent=percent(counts["mine"]),
        region_percent=percent(counts["region"]),
        stale_days=settings.STALE_AFTER_DAYS,
    )
