"""Reads of member-state implementation: the grid, a country's scorecard, the dashboard block.

Every function reads a fixed number of queries whatever the number of initiatives: records are
fetched for a page of initiatives (or a state) at once and laid out in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, Meeting
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


LIST_LIMIT = 50  # longest list a scorecard or dashboard shows; the spreadsheet has every row
SIDE_LIMIT = 20  # the shorter lists beside it: queried, not yet verified, changed


@dataclass
class Capped:
    """The first LIST_LIMIT items of a list, and how many there are in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0


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


SHARE_COUNTS = {
    "applicable": Count("pk", filter=~Q(stage=Stage.NOT_APPLICABLE)),
    "done": Count("pk", filter=Q(stage=Stage.IMPLEMENTED)),
}


def _percent(counts: dict) -> int | None:
    return round(100 * counts["done"] / counts["applicable"]) if counts["applicable"] else None


def region_percent() -> int | None:
    """Share implemented across all member states (one query)."""
    return _percent(ImplementationRecord.objects.tracked().aggregate(**SHARE_COUNTS))


def _tracked() -> QuerySet[Initiative]:
    return Initiative.objects.filter(national_scope__implemented_nationally=True)


def _without_record(state: Partner) -> QuerySet[Initiative]:
    return _tracked().exclude(
        Exists(ImplementationRecord.objects.filter(initiative=OuterRef("pk"), member_state=state))
    )


def _capped(queryset, total: int | None = None, *, limit: int = LIST_LIMIT) -> Capped:
    items = list(queryset[: limit + 1])
    if total is None:
        total = len(items) if len(items) <= limit else queryset.count()
    return Capped(items[:limit], total)


def scorecard(state: Partner, *, today: date | None = None) -> Scorecard:
    """Where one member state stands: shares, changes since the last meeting, open questions.

    Counts come from the database; lists are capped at LIST_LIMIT, so the page reads a fixed
    number of queries and rows however many initiatives are tracked.
    """
    today = today or timezone.localdate()
    records = (
        ImplementationRecord.objects.tracked()
        .filter(member_state=state)
        .select_related("initiative", "member_state", "verified_by")
        .order_by("initiative__name")
    )
    # One query for the state's counts by stage and by verification, and the region's.
    stage_counts: dict[str, int] = defaultdict(int)
    verification_counts: dict[str, int] = defaultdict(int)
    region = {"applicable": 0, "done": 0}
    for mine, stage, verification, n in (
        ImplementationRecord.objects.tracked()
        .values_list(
            Case(When(member_state=state, then=Value(True)), default=Value(False)),
            "stage",
            "verification",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if stage != Stage.NOT_APPLICABLE:
            region["applicable"] += n
            region["done"] += n if stage == Stage.IMPLEMENTED else 0
        if mine:
            stage_counts[stage] += n
            verification_counts[verification] += n
    record_total = sum(stage_counts.values())
    done = stage_counts.get(Stage.IMPLEMENTED, 0)
    applicable = record_total - stage_counts.get(Stage.NOT_APPLICABLE, 0)
    by_stage = [(value, label, stage_counts.get(value, 0)) for value, label in Stage.choices]
    tracked_total = _tracked().count()

    outcome_rows = (
        records.order_by()
        .filter(initiative__outcomes__isnull=False)
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
    by_outcome = sorted(
        (
            Share(f"{r['plan']} {r['code']}: {r['title']}", r["done"], r["applicable"], r["code"])
            for r in outcome_rows
        ),
        key=lambda share: share.label,
    )

    held = list(
        Meeting.objects.filter(is_planned=False, start_date__lte=today).order_by(
            "start_date", "number"
        )
    )
    since = held[-1] if held else None
    changes = []
    if since is not None and since.start_date:
        moved = list(records.filter(updated_at__gt=_end_of(since.start_date))[: SIDE_LIMIT * 2])
        before = {
            r.id: r.stage
            for r in ImplementationRecord.history.as_of(_end_of(since.start_date)).filter(
                id__in=[r.pk for r in moved]
            )
        }
        for r in moved:
            old = before.get(r.pk)
            if old != r.stage:
                changes.append(Change(r, Stage(old).label if old else "", r.get_stage_display()))
        changes = changes[:SIDE_LIMIT]

    return Scorecard(
        state=state,
        overall=Share("All initiatives implemented nationally", done, applicable),
        by_stage=by_stage,
        by_outcome=by_outcome,
        records=_capped(records, record_total),
        missing=_capped(_without_record(state).order_by("name"), tracked_total - record_total),
        unverified=_capped(
            records.filter(verification=Verification.UNVERIFIED),
            verification_counts[Verification.UNVERIFIED],
            limit=SIDE_LIMIT,
        ),
        queried=_capped(
            records.filter(verification=Verification.QUERIED),
            verification_counts[Verification.QUERIED],
            limit=SIDE_LIMIT,
        ),
        since=since,
        changes=changes,
        tracked=tracked_total,
        chart=share_over_time(state, today=today, meetings=held),
        region_percent=_percent(region),
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
        end = _end_of(day)
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


# ---------------------------------------------------------------------------------------------
# The focal point's dashboard block and reminders
# ---------------------------------------------------------------------------------------------
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
    missing = _without_record(state).order_by("name")
    if limit is not None:
        return _capped(old), _capped(missing)
    return list(old), list(missing)


DASHBOARD_LIMIT = 10


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
    aggregate over the records."""
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
    counts = ImplementationRecord.objects.tracked().aggregate(
        **SHARE_COUNTS,
        mine_applicable=Count("pk", filter=mine & ~Q(stage=Stage.NOT_APPLICABLE)),
        mine_done=Count("pk", filter=mine & Q(stage=Stage.IMPLEMENTED)),
        old=Count("pk", filter=old),
        queried=Count("pk", filter=queried),
        stale=Count("pk", filter=stale),
    )
    attention = list(
        ImplementationRecord.objects.tracked()
        .filter(old | queried | stale)
        .select_related("initiative", "member_state")
        .order_by("initiative__name")[: 3 * DASHBOARD_LIMIT]
    )
    missing = Capped([], 0)
    if member:
        missing = _capped(_without_record(state).order_by("name"), limit=DASHBOARD_LIMIT)
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
        state_percent=_percent(
            {"applicable": counts["mine_applicable"], "done": counts["mine_done"]}
        ),
        region_percent=_percent(counts),
        stale_days=settings.STALE_AFTER_DAYS,
    )
