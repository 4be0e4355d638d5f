"""A member state's scorecard: shares implemented, changes since the last meeting, open
questions and the share over time.

The page reads a fixed number of queries whatever the number of initiatives: counts come from
the database (one pass over an index of the records), lists are capped."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from initiatives.models import Meeting
from partners.models import Partner

from ..choices import Stage, Verification
from ..models import ImplementationRecord, is_member_on
from .common import (
    SHARE_COUNTS,
    SIDE_LIMIT,
    Capped,
    capped,
    end_of,
    percent,
    tracked,
    untracked_ids,
    without_record,
)


@dataclass
class Share:
    label: str
    implemented: int
    applicable: int
    code: str = ""

    @property
    def percent(self) -> int | None:
        return round(100 * self.implemented / self.applicable) if self.applicable else None


@dataclass
class Change:
    record: ImplementationRecord
    before: str  # stage label at the meeting, "" when there was no record
    after: str

    @property
    def is_new(self) -> bool:
        return not self.before


@dataclass
class ChartPoint:
    day: date
    label: str
    percent: int | None  # implemented; None: not yet a member
    started: int | None = None  # planning, in progress or implemented
    x: float = 0
    y: float = 0
    y_started: float = 0


@dataclass
class Scorecard:
    state: Partner
    overall: Share
    by_stage: list[tuple[str, str, int]]
    by_outcome: list[Share]
    records: Capped
    missing: Capped
    unverified: Capped
    queried: Capped
    since: Meeting | None
    changes: list[Change]
    tracked: int = 0
    chart: list[ChartPoint] = field(default_factory=list)
    region_percent: int | None = None


# What the scorecard's lists show of a record: the rows are sorted by initiative name, and a
# narrow row sorts faster (a state's records are a tenth of all at the benchmark's large size).
LIST_FIELDS = [
    "stage",
    "as_of",
    "verification",
    "verified_at",
    "query_reason",
    "is_example",
    "updated_at",
    "initiative__name",
    "initiative__acronym",
    "initiative__slug",
    "member_state__name",
    "member_state__short_name",
    "member_state__slug",
    "verified_by__username",
    "verified_by__first_name",
    "verified_by__last_name",
]


@dataclass
class _Counts:
    stages: dict[str, int]  # the state's tracked records by stage
    verifications: dict[str, int]  # ... and by verification
    region: dict[str, int]  # every state's: applicable, done


def _counts(state: Partner) -> _Counts:
    """One query over the counts index (member state, stage, verification, ...), in its order:
    every record counted, with those of untracked initiatives apart, to be taken away."""
    stages: dict[str, int] = defaultdict(int)
    verifications: dict[str, int] = defaultdict(int)
    region = {"applicable": 0, "done": 0}
    rows = (
        ImplementationRecord.objects.order_by()
        .values_list("member_state_id", "stage", "verification")
        .annotate(
            n=Count("*"), untracked=Count("initiative", filter=Q(initiative__in=untracked_ids()))
        )
    )
    for state_id, stage, verification, n, untracked in rows:
        n -= untracked
        if stage != Stage.NOT_APPLICABLE:
            region["applicable"] += n
            region["done"] += n if stage == Stage.IMPLEMENTED else 0
        if state_id == state.pk:
            stages[stage] += n
            verifications[verification] += n
    return _Counts(stages, verifications, region)


def _by_outcome(state: Partner) -> list[Share]:
    """The state's shares per desired outcome (one query; untracked initiatives' records are
    left out by the few untracked ids, not by joining every record to its scope)."""
    rows = (
        ImplementationRecord.objects.filter(member_state=state)
        .exclude(initiative__in=untracked_ids())
        .filter(initiative__outcomes__isnull=False)
        .order_by()
        .values(
            outcome=F("initiative__outcomes"),
            code=F("initiative__outcomes__code"),
            title=F("initiative__outcomes__title"),
            plan=Coalesce(
                NullIf(F("initiative__outcomes__masterplan__acronym"), Value("")),
                F("initiative__outcomes__masterplan__name"),
            ),
        )
        .annotate(**SHARE_COUNTS)
    )
    return sorted(
        (
            Share(f"{r['plan']} {r['code']}: {r['title']}", r["done"], r["applicable"], r["code"])
            for r in rows
        ),
        key=lambda share: share.label,
    )


def _changes(records, since: Meeting | None) -> list[Change]:
    """Records whose stage moved since the meeting (two queries: the records saved since, and
    their history at the meeting)."""
    if since is None or not since.start_date:
        return []
    cutoff = end_of(since.start_date)
    moved = list(records.filter(updated_at__gt=cutoff)[: SIDE_LIMIT * 2])
    before = {
        r.id: r.stage
        for r in ImplementationRecord.history.as_of(cutoff).filter(id__in=[r.pk for r in moved])
    }
    changes = []
    for r in moved:
        old = before.get(r.pk)
        if old != r.stage:
            changes.append(Change(r, Stage(old).label if old else "", r.get_stage_display()))
    return changes[:SIDE_LIMIT]


def scorecard(state: Partner, *, today: date | None = None) -> Scorecard:
    """Where one member state stands: shares, changes since the last meeting, open questions."""
    today = today or timezone.localdate()
    records = (
        ImplementationRecord.objects.tracked()
        .filter(member_state=state)
        .select_related("initiative", "member_state", "verified_by")
        .only(*LIST_FIELDS)
        .order_by("initiative__name")
    )
    counts = _counts(state)
    record_total = sum(counts.stages.values())
    done = counts.stages.get(Stage.IMPLEMENTED, 0)
    applicable = record_total - counts.stages.get(Stage.NOT_APPLICABLE, 0)
    tracked_total = tracked().count()
    held = list(
        Meeting.objects.filter(is_planned=False, start_date__lte=today).order_by(
            "start_date", "number"
        )
    )
    since = held[-1] if held else None
    return Scorecard(
        state=state,
        overall=Share("All initiatives implemented nationally", done, applicable),
        by_stage=[(value, label, counts.stages.get(value, 0)) for value, label in Stage.choices],
        by_outcome=_by_outcome(state),
        records=capped(records, record_total),
        missing=capped(without_record(state).order_by("name"), tracked_total - record_total),
        unverified=capped(
            records.filter(verification=Verification.UNVERIFIED),
            counts.verifications[Verification.UNVERIFIED],
            limit=SIDE_LIMIT,
        ),
        queried=capped(
            records.filter(verification=Verification.QUERIED),
            counts.verifications[Verification.QUERIED],
            limit=SIDE_LIMIT,
        ),
        since=since,
        changes=_changes(records, since),
        tracked=tracked_total,
        chart=share_over_time(state, today=today, meetings=held),
        region_percent=percent(counts.region),
    )


def share_over_time(state: Partner, *, today: date, meetings: list[Meeting]) -> list[ChartPoint]:
    """The share implemented (and started) at each of the last six ADGMINs among `meetings` (held,
    in date order) and today, replayed from the history in one pass over it (one query). Before
    a state's admission a point is None: it was not yet a member."""
    adgmins = [m for m in meetings if m.series == "ADGMIN" and m.start_date][-6:]
    moments = [(m.start_date, f"ADGMIN {m.number}") for m in adgmins] + [(today, "Today")]
    history = (
        ImplementationRecord.history.filter(
            member_state=state, initiative__national_scope__implemented_nationally=True
        )
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "history_type", "stage")
        .iterator()
    )
    stage_of: dict[int, str] = {}
    counts = {stage: 0 for stage in Stage.values}
    pending = next(history, None)
    points = []
    for day, label in moments:
        end = end_of(day)
        while pending is not None and pending[1] <= end:
            pk, _, kind, stage = pending
            old = stage_of.pop(pk, None)
            if old is not None:
                counts[old] -= 1
            if kind != "-":
                stage_of[pk] = stage
                counts[stage] += 1
            pending = next(history, None)
        if not is_member_on(state, day):
            points.append(ChartPoint(day, label, None))
            continue
        total = sum(counts.values()) - counts[Stage.NOT_APPLICABLE]
        started = total - counts[Stage.NOT_STARTED]
        points.append(
            ChartPoint(
                day,
                label,
                round(100 * counts[Stage.IMPLEMENTED] / total) if total else 0,
                round(100 * started / total) if total else 0,
            )
        )
    _place(points)
    return points


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 480, 160, 30


def _place(points: list[ChartPoint]) -> None:
    """SVG coordinates: evenly spaced along x, 0-100 % up the y axis."""
    if not points:
        return
    # The first point sits clear of the y axis and its labels.
    left = CHART_PAD + 24
    step = (CHART_WIDTH - left - CHART_PAD) / max(len(points) - 1, 1)
    for n, point in enumerate(points):
        point.x = round(left + n * step, 1)
        point.y = _y(point.percent or 0)
        point.y_started = _y(point.started or 0)


def _y(percent: int) -> float:
    return round(CHART_HEIGHT - CHART_PAD - percent * (CHART_HEIGHT - 2 * CHART_PAD) / 100, 1)
