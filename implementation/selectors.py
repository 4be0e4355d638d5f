"""Reads of member-state implementation: the grid, a country's scorecard, the dashboard block.

Every function reads a fixed number of queries whatever the number of initiatives: records are
fetched for a page of initiatives (or a state) at once and laid out in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from initiatives import selectors as initiative_selectors
from initiatives.models import DesiredOutcome, Initiative, Meeting
from partners.models import Partner

from .choices import STAGE_SHORT, VERIFICATION_MARK, Stage, Verification
from .models import ImplementationRecord, is_member_on, record_url

# Stages that count toward the share implemented: "not applicable" is left out of it.
APPLICABLE = [s for s in Stage.values if s != Stage.NOT_APPLICABLE]


def member_states() -> list[Partner]:
    return list(Partner.objects.member_states().order_by("name"))


def tracked_initiatives() -> QuerySet[Initiative]:
    """Initiatives marked as implemented nationally, with how many states have implemented."""
    implemented = (
        ImplementationRecord.objects.filter(initiative=OuterRef("pk"), stage=Stage.IMPLEMENTED)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        initiative_selectors.initiative_list()
        .filter(national_scope__implemented_nationally=True)
        .annotate(
            implemented_count=Coalesce(Subquery(implemented, output_field=IntegerField()), Value(0))
        )
    )


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def records_on(day: date | None = None):
    """Records as they stand now, or as they stood at the end of `day` (from their history)."""
    if day is None or day >= timezone.localdate():
        return ImplementationRecord.objects.all()
    return ImplementationRecord.history.as_of(_end_of(day))


# ---------------------------------------------------------------------------------------------
# The grid
# ---------------------------------------------------------------------------------------------
@dataclass
class Cell:
    state: Partner
    record: ImplementationRecord | None
    is_member: bool
    can_write: bool = False
    initiative_slug: str = ""

    @property
    def stage(self) -> str:
        return self.record.stage if self.record else ""

    @property
    def text(self) -> str:
        """What the cell says, in words (the export writes the same)."""
        if not self.is_member:
            return "Not yet a member"
        if self.record is None:
            return "No report"
        stage = Stage(self.record.stage).label
        return f"{stage} ({Verification(self.record.verification).label.lower()})"

    @property
    def short(self) -> str:
        if not self.is_member:
            return "Not yet a member"
        return STAGE_SHORT[Stage(self.record.stage)] if self.record else "—"

    @property
    def mark(self) -> str:
        return VERIFICATION_MARK[Verification(self.record.verification)] if self.record else ""

    @property
    def verification_label(self) -> str:
        return Verification(self.record.verification).label if self.record else ""

    @property
    def url(self) -> str:
        return record_url(self.initiative_slug, self.state.slug)


@dataclass
class GridRow:
    initiative: Initiative
    cells: list[Cell]

    @property
    def implemented(self) -> int:
        return sum(1 for c in self.cells if c.stage == Stage.IMPLEMENTED)

    @property
    def members(self) -> int:
        return sum(1 for c in self.cells if c.is_member)


@dataclass
class Grid:
    states: list[Partner]
    rows: list[GridRow]
    on: date


def grid(initiatives: list[Initiative], *, user=None, on: date | None = None) -> Grid:
    """Initiatives (rows) by member states (columns): two queries whatever the page size."""
    from tracker import permissions

    day = on or timezone.localdate()
    states = member_states()
    own = permissions.note_state_of(user) if user is not None else None
    if own is not None:
        # A focal point's own state comes first: their column without a sideways scroll.
        states.sort(key=lambda s: s.pk != own.pk)
    ids = [i.pk for i in initiatives]
    by_key = {
        (r.initiative_id, r.member_state_id): r
        for r in records_on(on).filter(initiative_id__in=ids)
    }
    writable = {s.pk for s in states if user and permissions.can_write_implementation(user, s)}
    rows = []
    for initiative in initiatives:
        cells = [
            Cell(
                state=state,
                record=by_key.get((initiative.pk, state.pk)),
                is_member=is_member_on(state, day),
                can_write=state.pk in writable and on is None,
                initiative_slug=initiative.slug,
            )
            for state in states
        ]
        rows.append(GridRow(initiative, cells))
    return Grid(states, rows, day)


# ---------------------------------------------------------------------------------------------
# A country's scorecard
# ---------------------------------------------------------------------------------------------
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
    records: list[ImplementationRecord]
    missing: list[Initiative]
    unverified: list[ImplementationRecord]
    queried: list[ImplementationRecord]
    since: Meeting | None
    changes: list[Change]
    chart: list[ChartPoint] = field(default_factory=list)
    region_percent: int | None = None


def last_held_meeting(today: date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(is_planned=False, start_date__lte=today)
        .order_by("-start_date", "-number")
        .first()
    )


def _share(label: str, records, *, code: str = "") -> Share:
    applicable = [r for r in records if r.stage != Stage.NOT_APPLICABLE]
    done = sum(1 for r in applicable if r.stage == Stage.IMPLEMENTED)
    return Share(label, done, len(applicable), code)


def _tracked_ids() -> list[int]:
    return list(
        Initiative.objects.filter(national_scope__implemented_nationally=True).values_list(
            "pk", flat=True
        )
    )


def region_percent(tracked: list[int] | None = None) -> int | None:
    """Share implemented across all member states (one query)."""
    tracked = _tracked_ids() if tracked is None else tracked
    counts = ImplementationRecord.objects.filter(initiative_id__in=tracked).aggregate(
        applicable=Count("pk", filter=~Q(stage=Stage.NOT_APPLICABLE)),
        done=Count("pk", filter=Q(stage=Stage.IMPLEMENTED)),
    )
    if not counts["applicable"]:
        return None
    return round(100 * counts["done"] / counts["applicable"])


def scorecard(state: Partner, *, today: date | None = None) -> Scorecard:
    """Where one member state stands: shares, changes since the last meeting, open questions."""
    today = today or timezone.localdate()
    tracked = list(
        Initiative.objects.filter(national_scope__implemented_nationally=True).order_by("name")
    )
    tracked_ids = [i.pk for i in tracked]
    records = list(
        ImplementationRecord.objects.filter(member_state=state, initiative_id__in=tracked_ids)
        .select_related("initiative", "member_state", "verified_by", "updated_by")
        .order_by("initiative__name")
    )
    by_initiative = {r.initiative_id: r for r in records}
    stage_counts = defaultdict(int)
    for r in records:
        stage_counts[r.stage] += 1
    by_stage = [(value, label, stage_counts[value]) for value, label in Stage.choices]

    links = Initiative.outcomes.through.objects.filter(initiative_id__in=tracked_ids).values_list(
        "initiative_id", "desiredoutcome_id"
    )
    initiatives_of = defaultdict(list)
    for initiative_id, outcome_id in links:
        initiatives_of[outcome_id].append(initiative_id)
    outcomes = DesiredOutcome.objects.filter(pk__in=initiatives_of).select_related("masterplan")
    by_outcome = [
        _share(
            f"{o.masterplan.acronym or o.masterplan.name} {o.code}: {o.title}",
            [by_initiative[i] for i in initiatives_of[o.pk] if i in by_initiative],
            code=o.code,
        )
        for o in sorted(outcomes, key=lambda o: (o.masterplan.name, o.code))
    ]

    since = last_held_meeting(today)
    changes = []
    if since is not None and since.start_date:
        before = {
            r.initiative_id: r.stage
            for r in ImplementationRecord.history.as_of(_end_of(since.start_date)).filter(
                member_state=state, initiative_id__in=tracked_ids
            )
        }
        for r in records:
            if r.updated_at.date() > since.start_date and before.get(r.initiative_id) != r.stage:
                old = before.get(r.initiative_id)
                changes.append(Change(r, Stage(old).label if old else "", r.get_stage_display()))

    return Scorecard(
        state=state,
        overall=_share("All initiatives implemented nationally", records),
        by_stage=by_stage,
        by_outcome=by_outcome,
        records=records,
        missing=[i for i in tracked if i.pk not in by_initiative],
        unverified=[r for r in records if r.verification == Verification.UNVERIFIED],
        queried=[r for r in records if r.verification == Verification.QUERIED],
        since=since,
        changes=changes,
        chart=share_over_time(state, tracked_ids, today=today),
        region_percent=region_percent(tracked_ids),
    )


def share_over_time(state: Partner, tracked_ids: list[int], *, today: date) -> list[ChartPoint]:
    """The share implemented at each held meeting and today, replayed from the history (1 query).

    Before a state's admission the point is None: it was not yet a member.
    """
    meetings = list(
        Meeting.objects.filter(
            is_planned=False, start_date__isnull=False, start_date__lte=today, series="ADGMIN"
        )
        .order_by("start_date")
        .values_list("start_date", "number")
    )
    moments = [(d, f"ADGMIN {n}") for d, n in meetings[-6:]] + [(today, "Today")]
    history = list(
        ImplementationRecord.history.filter(member_state=state, initiative_id__in=tracked_ids)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "history_type", "stage")
    )
    points = []
    for day, label in moments:
        if not is_member_on(state, day):
            points.append(ChartPoint(day, label, None))
            continue
        end = _end_of(day)
        stage_of: dict[int, str] = {}
        for pk, when, kind, stage in history:
            if when > end:
                break
            if kind == "-":
                stage_of.pop(pk, None)
            else:
                stage_of[pk] = stage
        applicable = [s for s in stage_of.values() if s != Stage.NOT_APPLICABLE]
        done = sum(1 for s in applicable if s == Stage.IMPLEMENTED)
        started = sum(1 for s in applicable if s != Stage.NOT_STARTED)
        total = len(applicable)
        points.append(
            ChartPoint(
                day,
                label,
                round(100 * done / total) if total else 0,
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


# ---------------------------------------------------------------------------------------------
# The focal point's dashboard block and reminders
# ---------------------------------------------------------------------------------------------
@dataclass
class CountryBlock:
    state: Partner
    to_update: list  # ImplementationRecord or Initiative (no record yet)
    queried: list[ImplementationRecord]
    stale: list[ImplementationRecord]
    since: Meeting | None
    next_meeting: Meeting | None
    state_percent: int | None
    region_percent: int | None
    stale_days: int


def needing_update(state: Partner, *, since: date | None) -> tuple[list, list[Initiative]]:
    """(records not updated since `since`, tracked initiatives without a record for the state)."""
    if not is_member_on(state, timezone.localdate()):
        return [], []
    tracked = list(
        Initiative.objects.filter(national_scope__implemented_nationally=True).order_by("name")
    )
    records = list(
        ImplementationRecord.objects.filter(
            member_state=state, initiative_id__in=[i.pk for i in tracked]
        )
        .select_related("initiative", "member_state")
        .order_by("initiative__name")
    )
    have = {r.initiative_id for r in records}
    # The as-of date is what the focal point vouches for: a record re-saved unchanged moves it.
    old = [r for r in records if since is not None and r.as_of < since]
    return old, [i for i in tracked if i.pk not in have]


def country_block(state: Partner, *, today: date | None = None) -> CountryBlock:
    today = today or timezone.localdate()
    since = last_held_meeting(today)
    old, missing = needing_update(state, since=since.start_date if since else None)
    records = list(
        ImplementationRecord.objects.tracked()
        .filter(member_state=state)
        .select_related("initiative", "member_state")
        .order_by("initiative__name")
    )
    stale_cutoff = today - timedelta(days=settings.STALE_AFTER_DAYS)
    next_meeting = (
        Meeting.objects.filter(is_planned=True, start_date__gte=today)
        .order_by("start_date", "number")
        .first()
    )
    tracked_ids = _tracked_ids()
    return CountryBlock(
        state=state,
        to_update=[*missing, *old],
        queried=[r for r in records if r.verification == Verification.QUERIED],
        stale=[r for r in records if r.as_of < stale_cutoff],
        since=since,
        next_meeting=next_meeting,
        state_percent=_share("", records).percent,
        region_percent=region_percent(tracked_ids),
        stale_days=settings.STALE_AFTER_DAYS,
    )
