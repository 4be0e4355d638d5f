"""Reads that several views (and the API) share.

Every function here answers with a fixed number of queries whatever the number of rows, so that
the pages built on them stay fast as the record grows; the view tests assert it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from partners.models import Partner

from .choices import STATUS_RANK, Status, compare_status
from .models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
)

# Statuses after which silence is expected: nobody reports on a finished or replaced initiative.
TERMINAL_STATUSES = frozenset({Status.COMPLETED, Status.DISCONTINUED, Status.SUPERSEDED})

# The moves between two meetings, in the order pages list them.
CHANGE_KINDS = ("new", "advanced", "unchanged", "regressed", "silent")
CHANGE_LABELS = {
    "new": "New",
    "advanced": "Advanced",
    "unchanged": "Unchanged",
    "regressed": "Regressed",
    "silent": "Went silent",
}


# ---------------------------------------------------------------------------------------------
# Status helpers
# ---------------------------------------------------------------------------------------------
def most_advanced(statuses: Iterable[str]) -> str:
    """The most advanced of the statuses said ("" when none was said).

    A meeting may mention an initiative in several paragraphs; as in initiative_refresh_status,
    the furthest along the ladder counts, and officer-set statuses rank below the ladder.
    """
    said = [s for s in statuses if s]
    return max(said, key=lambda s: STATUS_RANK.get(s, 0)) if said else ""


def status_rank_expression() -> Case:
    """An SQL expression ranking the stored status, so lists can sort along the ladder."""
    whens = [When(status=s, then=Value(STATUS_RANK.get(s, 0))) for s in Status.values]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def stale_cutoff(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=settings.STALE_AFTER_DAYS)


# ---------------------------------------------------------------------------------------------
# Initiatives
# ---------------------------------------------------------------------------------------------
def with_tracking(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Annotate what lists show and sort on, as subqueries so that no join multiplies rows.

    - mention_count: mentions at any meeting
    - last_mentioned_on: start of the latest held meeting that mentioned it
    - last_update_on: date of the latest officer progress update (country notes are a member
      state's view and do not count, as they never move the official status either)
    - status_rank: position of the status on the ladder, for ordering
    """
    if "last_update_on" in queryset.query.annotations:
        return queryset
    mentions = Mention.objects.filter(initiative=OuterRef("pk"))
    mention_count = mentions.order_by().values("initiative").annotate(n=Count("pk")).values("n")[:1]
    last_mentioned = (
        mentions.filter(meeting__is_planned=False, meeting__start_date__isnull=False)
        .order_by("-meeting__start_date")
        .values("meeting__start_date")[:1]
    )
    last_update = (
        ProgressUpdate.objects.filter(
            initiative=OuterRef("pk"), member_state__isnull=True, withdrawn_at__isnull=True
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return queryset.annotate(
        mention_count=Coalesce(Subquery(mention_count), Value(0)),
        last_mentioned_on=Subquery(last_mentioned),
        last_update_on=Subquery(last_update),
        status_rank=status_rank_expression(),
    )


def stale_q(today: date | None = None) -> Q:
    """Initiatives with no officer progress update for STALE_AFTER_DAYS (or never), unless done.

    Needs the `last_update_on` annotation of with_tracking().
    """
    return ~Q(status__in=TERMINAL_STATUSES) & (
        Q(last_update_on__isnull=True) | Q(last_update_on__lt=stale_cutoff(today))
    )


def initiative_list() -> QuerySet[Initiative]:
    """The initiatives as every list, filter and export reads them."""
    return with_tracking(Initiative.objects.select_related("lead_body"))


def initiatives_with_counts() -> QuerySet[Initiative]:
    return initiative_list()


def initiatives_for_export(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """The filtered list with what an export writes per row loaded up front."""
    roles = Prefetch(
        "partner_roles",
        queryset=InitiativePartner.objects.select_related("partner").order_by(
            "role", "partner__name"
        ),
    )
    return queryset.select_related("lead_body", "parent", "work_plan_partner").prefetch_related(
        roles, "outcomes"
    )


def status_counts() -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in ladder order, then initiatives with none."""
    counts = dict(
        Initiative.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    rows = [(s.value, s.label, counts.get(s.value, 0)) for s in Status]
    rows.append(("none", "No status yet", counts.get("", 0)))
    return rows


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
    status: str
    change: str = ""  # advanced / regressed against the previous status said
    previous_status: str = ""

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""


def initiative_timeline(initiative: Initiative) -> list[TimelineEntry]:
    """One entry per meeting, in date order, with the paragraphs quoted and the status said."""
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
    carried = ""
    for entry in entries:
        entry.status = most_advanced(m.status for m in entry.mentions)
        if entry.status and carried and entry.status != carried:
            entry.change = compare_status(carried, entry.status)
            entry.previous_status = carried
        carried = entry.status or carried
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
            delta = newer.diff_against(older, excluded_fields=["updated_at", "created_at"])
            for change in delta.changes:
                label = getattr(fields.get(change.field), "verbose_name", change.field)
                entry.changes.append(
                    (str(label), show(change.field, change.old), show(change.field, change.new))
                )
        entries.append(entry)
    return entries


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------
def meetings_in_order() -> QuerySet[Meeting]:
    mention_count = (
        Mention.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    statement_count = (
        Statement.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Meeting.objects.select_related("host").annotate(
        statement_count=Coalesce(Subquery(statement_count), Value(0)),
        mention_count=Coalesce(Subquery(mention_count), Value(0)),
    )


def meeting_with_paragraphs(slug: str) -> Meeting:
    """A meeting with its statements, paragraphs and each paragraph's mentions loaded."""
    mentions = Prefetch(
        "mentions",
        queryset=Mention.objects.select_related("initiative").order_by("initiative__name"),
    )
    paragraphs = Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related(mentions))
    statements = Prefetch("statements", queryset=Statement.objects.prefetch_related(paragraphs))
    return (
        Meeting.objects.select_related("host", "chair_country", "vice_chair_country")
        .prefetch_related(statements)
        .get(slug=slug)
    )


def unsourced_mentions(meeting: Meeting) -> list[Mention]:
    """Mentions recorded from public reports, without a stored paragraph."""
    return list(
        meeting.mentions.filter(paragraph__isnull=True)
        .select_related("initiative")
        .order_by("initiative__name")
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The previous held meeting of the same series (ADGMIN 2 for ADGMIN 3)."""
    return (
        Meeting.objects.filter(series=meeting.series, number__lt=meeting.number, is_planned=False)
        .order_by("-number")
        .first()
    )


def next_meeting_in_series(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(series=meeting.series, number__gt=meeting.number)
        .order_by("number")
        .first()
    )


def latest_held_meeting() -> Meeting | None:
    """The most recent meeting that was held and has something recorded about it."""
    return (
        Meeting.objects.filter(is_planned=False, start_date__isnull=False)
        .filter(Exists(Mention.objects.filter(meeting=OuterRef("pk"))))
        .order_by("-start_date", "-number")
        .first()
    )


def next_planned_meeting(today: date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(Q(is_planned=True) | Q(start_date__gte=today))
        .select_related("host")
        .order_by("start_date", "number")
        .first()
    )


@dataclass(frozen=True)
class Change:
    initiative: Initiative
    kind: str
    before: str | None  # status at the previous meeting; None when not mentioned there
    after: str | None  # status at this meeting; None when not mentioned here

    @property
    def before_label(self) -> str:
        return _status_label(self.before)

    @property
    def after_label(self) -> str:
        return _status_label(self.after)


def _status_label(status: str | None) -> str:
    if status is None:
        return "not mentioned"
    return Status(status).label if status else "no status said"


@dataclass
class MeetingComparison:
    meeting: Meeting
    previous: Meeting | None
    groups: dict[str, list[Change]]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(k, CHANGE_LABELS[k], len(self.groups[k])) for k in CHANGE_KINDS]

    @property
    def sections(self) -> list[tuple[str, str, list[Change]]]:
        return [(k, CHANGE_LABELS[k], self.groups[k]) for k in CHANGE_KINDS]

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.groups.values())


def _statuses_at(meeting: Meeting | None) -> dict[int, str]:
    """initiative id -> most advanced status said at the meeting, for every initiative named."""
    if meeting is None:
        return {}
    said: dict[int, list[str]] = defaultdict(list)
    for initiative_id, status in Mention.objects.filter(meeting=meeting).values_list(
        "initiative_id", "status"
    ):
        said[initiative_id].append(status)
    return {pk: most_advanced(statuses) for pk, statuses in said.items()}


def _carried_statuses(initiative_ids: Iterable[int], before: date | None) -> dict[int, str]:
    """The last status said before a date, per initiative: what a silent mention carries over."""
    if before is None:
        return {}
    rows = (
        Mention.objects.filter(
            initiative_id__in=list(initiative_ids),
            meeting__is_planned=False,
            meeting__start_date__lt=before,
        )
        .exclude(status="")
        .order_by("meeting__start_date")
        .values_list("initiative_id", "meeting__start_date", "status")
    )
    per_day: dict[int, tuple[date, list[str]]] = {}
    for pk, on, status in rows:
        current = per_day.get(pk)
        if current is None or current[0] != on:
            per_day[pk] = (on, [status])
        else:
            current[1].append(status)
    return {pk: most_advanced(statuses) for pk, (_, statuses) in per_day.items()}


def meeting_comparison(meeting: Meeting) -> MeetingComparison:
    """What a meeting changed against the previous meeting of its series.

    A mention that says nothing about progress carries the last status over, so "welcomed" after
    "adopted" is unchanged rather than a fall to no status.
    """
    previous = previous_meeting(meeting)
    now, before = _statuses_at(meeting), _statuses_at(previous)
    ids = set(now) | set(before)
    carried_now = _carried_statuses(ids, meeting.start_date)
    carried_before = _carried_statuses(ids, previous.start_date if previous else None)
    initiatives = Initiative.objects.in_bulk(ids)
    groups: dict[str, list[Change]] = {k: [] for k in CHANGE_KINDS}
    for pk in ids:
        after_status = now.get(pk)
        if after_status == "":
            after_status = carried_now.get(pk, "")
        before_status = before.get(pk)
        if before_status == "":
            before_status = carried_before.get(pk, "")
        kind = compare_status(before_status, after_status)
        groups[kind].append(Change(initiatives[pk], kind, before_status, after_status))
    for changes in groups.values():
        changes.sort(key=lambda c: c.initiative.name.casefold())
    return MeetingComparison(meeting=meeting, previous=previous, groups=groups)


# ---------------------------------------------------------------------------------------------
# The status matrix
# ---------------------------------------------------------------------------------------------
@dataclass
class MatrixCell:
    meeting: Meeting
    mentions: list[Mention]
    status: str  # most advanced status said here ("" when none was said)
    carried: str = ""  # the earlier status that carries over when none was said
    change: str = ""  # advanced / regressed against the previous status said
    previous_status: str = ""

    @property
    def phrases(self) -> str:
        seen = []
        for mention in self.mentions:
            phrase = mention.phrase or "named without an action phrase"
            if phrase not in seen:
                seen.append(phrase)
        return "; ".join(seen)

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""

    @property
    def previous_label(self) -> str:
        return Status(self.previous_status).label if self.previous_status else ""

    @property
    def carried_label(self) -> str:
        return Status(self.carried).label if self.carried else ""

    @property
    def link(self) -> str:
        first = next((m for m in self.mentions if m.paragraph_id), None)
        if first is not None:
            return f"{self.meeting.get_absolute_url()}#p{first.paragraph.number}"
        return self.meeting.get_absolute_url()


@dataclass
class MatrixRow:
    initiative: Initiative
    cells: list[MatrixCell | None]
    silent_since: Meeting | None = None
    last_status: str = ""


@dataclass
class Matrix:
    meetings: list[Meeting]
    rows: list[MatrixRow]


def matrix_meetings() -> list[Meeting]:
    """The columns: every meeting at which something was mentioned, in date order."""
    return list(
        Meeting.objects.filter(Exists(Mention.objects.filter(meeting=OuterRef("pk")))).order_by(
            "start_date", "series", "number"
        )
    )


def status_matrix(initiatives: QuerySet[Initiative]) -> Matrix:
    """Initiatives (already filtered) by meetings, with changes and silences worked out."""
    meetings = matrix_meetings()
    column = {m.pk: i for i, m in enumerate(meetings)}
    rows = [MatrixRow(initiative=i, cells=[None] * len(meetings)) for i in initiatives]
    by_initiative = {row.initiative.pk: row for row in rows}
    mentions = (
        Mention.objects.filter(initiative__in=initiatives.values("pk"))
        .select_related("paragraph")
        .only(
            "initiative_id",
            "meeting_id",
            "status",
            "phrase",
            "matched_text",
            "paragraph__number",
        )
        .order_by("paragraph__number")
    )
    for mention in mentions:
        row = by_initiative.get(mention.initiative_id)
        index = column.get(mention.meeting_id)
        if row is None or index is None:
            continue
        cell = row.cells[index]
        if cell is None:
            cell = row.cells[index] = MatrixCell(meeting=meetings[index], mentions=[], status="")
        cell.mentions.append(mention)

    held = [m for m in Meeting.objects.filter(is_planned=False).order_by("series", "number")]
    for row in rows:
        carried, last_index = "", None
        for index, cell in enumerate(row.cells):
            if cell is None:
                continue
            last_index = index
            cell.status = most_advanced(m.status for m in cell.mentions)
            if cell.status and carried and cell.status != carried:
                cell.change = compare_status(carried, cell.status)
                cell.previous_status = carried
            elif not cell.status:
                cell.carried = carried
            carried = cell.status or carried
        row.last_status = carried
        if last_index is not None and carried not in TERMINAL_STATUSES:
            row.silent_since = _next_held(held, meetings[last_index])
    return Matrix(meetings=meetings, rows=rows)


def _next_held(held: Sequence[Meeting], after: Meeting) -> Meeting | None:
    """The first held meeting of the same series after `after`: where the silence began."""
    for meeting in held:
        if meeting.series == after.series and meeting.number > after.number:
            return meeting
    return None


# ---------------------------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------------------------
def stale_initiatives(*, limit: int = 10, today: date | None = None) -> QuerySet[Initiative]:
    """Stale initiatives, never-updated first, then the longest without an update."""
    return (
        initiative_list()
        .filter(stale_q(today))
        .order_by(F("last_update_on").asc(nulls_first=True), "name")[:limit]
    )


def stale_count(today: date | None = None) -> int:
    return initiative_list().filter(stale_q(today)).count()


def expected_dates(
    *, today: date | None = None, horizon_days: int = 180, limit: int = 10
) -> tuple[list[Initiative], list[Initiative]]:
    """(overdue, coming up): next steps due before today, and within the horizon."""
    today = today or timezone.localdate()
    open_ = Initiative.objects.exclude(status__in=TERMINAL_STATUSES).filter(
        expected_date__isnull=False
    )
    overdue = list(open_.filter(expected_date__lt=today).order_by("expected_date", "name")[:limit])
    upcoming = list(
        open_.filter(
            expected_date__gte=today, expected_date__lte=today + timedelta(days=horizon_days)
        ).order_by("expected_date", "name")[:limit]
    )
    return overdue, upcoming


def recent_updates(*, limit: int = 8, member_state: Partner | None = None) -> list[ProgressUpdate]:
    qs = ProgressUpdate.objects.filter(withdrawn_at__isnull=True)
    if member_state is not None:
        qs = qs.filter(member_state=member_state)
    return list(
        qs.select_related("initiative", "author", "member_state").order_by("-date", "-created_at")[
            :limit
        ]
    )
