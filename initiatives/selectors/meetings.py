"""Meetings: their pages, the comparison with the previous meeting, and the status matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.validators import slug_re
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Window,
)
from django.urls import reverse
from django.utils import timezone

from tracker.lookups import count_per_row
from tracker.text import ordinal

from .. import status as engine
from ..models import (
    Initiative,
    Meeting,
    Mention,
    Paragraph,
    Statement,
    StatusAtMeeting,
)
from ..status import CHANGE_KINDS, CHANGE_LABELS, ChangeKind


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------
def meetings_in_order() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("host").annotate(
        statement_count=count_per_row(Statement.objects.filter(meeting=OuterRef("pk")), "meeting"),
        # COUNT(*): the meeting index alone answers it
        mention_count=count_per_row(Mention.objects.filter(meeting=OuterRef("pk")), "meeting"),
    )


# A paragraph lists the initiatives it names up to this many; the rest are counted, and the
# initiative list filtered by the meeting shows them all.
MENTIONS_SHOWN = 10


def meeting_with_paragraphs(slug: str) -> Meeting:
    """A meeting with its statements and paragraphs; each paragraph carries `shown_mentions`
    (up to MENTIONS_SHOWN, by initiative name, each with its `initiative_url`) and
    `more_mentions`, how many beyond those."""
    mentions = Prefetch(
        "mentions",
        queryset=Mention.objects.select_related("initiative")
        .only(
            "paragraph_id",
            "initiative_id",
            "status",
            "phrase",
            "initiative__name",
            "initiative__slug",
            "initiative__acronym",
        )  # fmt: skip
        # The paragraph's total rides along with each row, sparing a COUNT over the mentions.
        .annotate(paragraph_total=Window(Count("pk"), partition_by=F("paragraph_id")))
        .order_by("initiative__name")[:MENTIONS_SHOWN],
        to_attr="shown_mentions",  # a sliced prefetch needs its own attribute
    )
    paragraphs = Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related(mentions))
    statements = Prefetch("statements", queryset=Statement.objects.prefetch_related(paragraphs))
    meeting = (
        Meeting.objects.select_related("host", "chair_country", "vice_chair_country")
        .prefetch_related(statements)
        .get(slug=slug)
    )
    initiative_url = slug_url_maker("initiatives:detail")
    for statement in meeting.statements.all():
        for paragraph in statement.paragraphs.all():
            shown = paragraph.shown_mentions
            paragraph.more_mentions = shown[0].paragraph_total - len(shown) if shown else 0
            for mention in shown:
                mention.initiative_url = initiative_url(mention.initiative.slug)
    return meeting


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


@dataclass(frozen=True)
class MeetingsAtAGlance:
    latest_held: Meeting | None  # the most recent held meeting with something recorded
    previous: Meeting | None  # the held meeting of its series before that one
    next_planned: Meeting | None  # the next planned (or coming) meeting


def meetings_at_a_glance(today: date | None = None) -> MeetingsAtAGlance:
    """The meetings the dashboard names, from one query: a series holds one meeting a year, so
    reading them all costs less than a query for each."""
    today = today or timezone.localdate()
    meetings = list(
        Meeting.objects.select_related("host").annotate(
            mentioned=Exists(Mention.objects.filter(meeting=OuterRef("pk")))
        )
    )
    held = [m for m in meetings if not m.is_planned and m.start_date and m.mentioned]
    latest = max(held, key=lambda m: (m.start_date, m.number), default=None)
    previous = None
    if latest is not None:
        earlier = [
            m
            for m in meetings
            if m.series == latest.series and m.number < latest.number and not m.is_planned
        ]
        previous = max(earlier, key=lambda m: m.number, default=None)
    coming = [m for m in meetings if m.is_planned or (m.start_date and m.start_date >= today)]
    # As ORDER BY start_date, number: a planned meeting without a date comes last.
    next_planned = min(
        coming, key=lambda m: (m.start_date is None, m.start_date or today, m.number), default=None
    )
    return MeetingsAtAGlance(latest, previous, next_planned)


@dataclass(frozen=True)
class InitiativeRef:
    """What a comparison shows of an initiative: a latest meeting can name thousands, and a
    full model instance for each costs more than the whole comparison."""

    pk: int
    name: str
    slug: str
    acronym: str
    url: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class Change:
    initiative: InitiativeRef
    kind: str
    before: str | None  # the status that held on the eve of the meeting
    after: str | None  # the status that holds at this meeting
    last_seen: str = ""  # for "returned": the meeting that mentioned it last, by name

    @property
    def before_label(self) -> str:
        return engine.status_label(self.before)

    @property
    def after_label(self) -> str:
        return engine.status_label(self.after)


# How many changes of each kind a page lists; the rest are a link away (meeting_changes). A
# real statement names some forty to sixty initiatives, so its changes usually show in full.
CHANGES_SHOWN = 50


@dataclass
class MeetingComparison:
    meeting: Meeting
    previous: Meeting | None
    groups: dict[str, list[Change]]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(k, CHANGE_LABELS[k], len(self.groups[k])) for k in CHANGE_KINDS]

    @property
    def sections(self) -> list[tuple[str, str, list[Change], int]]:
        """(kind, label, the first CHANGES_SHOWN changes, how many there are) per kind."""
        return [
            (k, CHANGE_LABELS[k], self.groups[k][:CHANGES_SHOWN], len(self.groups[k]))
            for k in CHANGE_KINDS
        ]

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.groups.values())


_LOOK_UP = object()


def meeting_comparison(meeting: Meeting, *, previous=_LOOK_UP) -> MeetingComparison:
    """What a meeting changed against the previous meeting of its series, as the status engine
    reads it: new, returned, advanced, regressed, unchanged, went silent.

    One query however many initiatives the meetings named: the engine's answer is stored per
    initiative and meeting (StatusAtMeeting, kept by initiatives.signals with the status);
    one more when the caller does not pass `previous` (the page names it).
    """
    if previous is _LOOK_UP:
        previous = previous_meeting(meeting)
    initiative_url = slug_url_maker("initiatives:detail")
    groups: dict[str, list[Change]] = {k: [] for k in CHANGE_KINDS}
    rows = (
        StatusAtMeeting.objects.filter(meeting=meeting)
        .order_by()
        .values_list(
            "initiative_id", "initiative__name", "initiative__slug", "initiative__acronym",
            "change", "before", "holds", "last_seen__series", "last_seen__number",
        )
    )  # fmt: skip
    for pk, name, slug, acronym, kind, before, after, seen_series, seen_number in rows:
        ref = InitiativeRef(pk, name, slug, acronym, initiative_url(slug))
        seen = f"{ordinal(seen_number)} {seen_series}" if seen_series else ""
        # The page writes "not mentioned" for the side the initiative was absent from.
        groups[kind].append(
            Change(
                ref,
                kind,
                None if kind == ChangeKind.NEW else before,
                None if kind == ChangeKind.SILENT else after,
                seen,
            )
        )
    for changes in groups.values():
        changes.sort(key=lambda c: c.initiative.name.casefold())
    return MeetingComparison(meeting=meeting, previous=previous, groups=groups)


# ---------------------------------------------------------------------------------------------
# The status matrix
# ---------------------------------------------------------------------------------------------
# What a cell quotes when the mention was recorded without its action phrase.
NO_PHRASE = "named without an action phrase"


@dataclass(slots=True)
class MatrixCell:
    """One initiative at one meeting, worked out once: a page has a thousand of them."""

    meeting: Meeting
    status: str  # what the meeting said, as the engine reads it ("" when nothing)
    phrases: str  # the distinct action phrases, "; "-joined, in paragraph order
    link: str  # the first paragraph naming the initiative, or the meeting page without one
    carried: str = ""  # the earlier status that carries over when none was said
    change: str = ""  # advanced / regressed against the status that held before
    previous_status: str = ""
    holds: str = ""  # the status that holds at the meeting (another meeting that day may differ)

    @property
    def status_label(self) -> str:
        return engine.status_label(self.status)

    @property
    def previous_label(self) -> str:
        return engine.status_label(self.previous_status)

    @property
    def carried_label(self) -> str:
        return engine.status_label(self.carried)


@dataclass
class MatrixRow:
    initiative: Initiative
    cells: list[MatrixCell | None]
    silent_since: Meeting | None = None
    last_status: str = ""
    url: str = ""  # the initiative's page


@dataclass
class Matrix:
    meetings: list[Meeting]
    rows: list[MatrixRow]
    meeting_urls: dict[int, str] = field(default_factory=dict)  # every meeting's page, by id


def matrix_meetings() -> list[Meeting]:
    """The columns: every meeting at which something was mentioned, in date order."""
    return list(_mentioned_meetings().order_by("start_date", "series", "number"))


def _mentioned_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(Exists(Mention.objects.filter(meeting=OuterRef("pk"))))


# One mention as the matrix reads it: (phrase, paragraph number or None); the status is stored.
_Said = tuple[str, int | None]


def status_matrix(initiatives: Iterable[Initiative]) -> Matrix:
    """Initiatives (already filtered, usually one page) by meetings, with changes and silences.

    A page holds thousands of cells, most of them empty: mentions are read as plain rows rather
    than models, and URLs are made once per meeting and initiative rather than once per cell.
    """
    every = list(
        Meeting.objects.annotate(
            mentioned=Exists(Mention.objects.filter(meeting=OuterRef("pk")))
        ).order_by("start_date", "series", "number")
    )
    meetings = [m for m in every if m.mentioned]  # as matrix_meetings(), from the same read
    held = sorted((m for m in every if not m.is_planned), key=lambda m: (m.series, m.number))
    meeting_url = slug_url_maker("initiatives:meeting_detail")
    meeting_urls = {m.pk: meeting_url(m.slug) for m in every}
    urls = [meeting_urls[m.pk] for m in meetings]
    column = {m.pk: i for i, m in enumerate(meetings)}
    initiative_url = slug_url_maker("initiatives:detail")
    rows = [
        MatrixRow(initiative=i, cells=[None] * len(meetings), url=initiative_url(i.slug))
        for i in initiatives
    ]
    said: dict[int, dict[int, list[_Said]]] = {row.initiative.pk: {} for row in rows}
    mentions = (
        Mention.objects.filter(initiative__in=list(said))
        .order_by("paragraph__number", "pk")
        .values_list("initiative_id", "meeting_id", "phrase", "paragraph__number")
    )
    for initiative_id, meeting_id, phrase, number in mentions:
        index = column.get(meeting_id)
        if index is not None:
            said[initiative_id].setdefault(index, []).append((phrase, number))
    # What the engine read at each meeting that mentioned them, stored with their status.
    read: dict[tuple[int, int], tuple[str, str, str]] = {
        (initiative_id, meeting_id): rest
        for initiative_id, meeting_id, *rest in StatusAtMeeting.objects.filter(
            initiative__in=list(said), mentioned=True
        ).values_list("initiative_id", "meeting_id", "said", "before", "holds")
    }

    silences: dict[int, Meeting | None] = {}  # column of the last mention -> next held meeting
    for row in rows:
        pk = row.initiative.pk
        last_index = None
        for index, mentioned in sorted(said[pk].items()):
            at = read.get((pk, meetings[index].pk))
            if at is None:
                continue  # only a replaced report named it there: the quotation's meeting shows
            row.cells[index] = _matrix_cell(meetings[index], urls[index], mentioned, *at)
            last_index = index
        row.last_status = row.initiative.status  # stored by the same reading
        if last_index is not None and row.last_status not in engine.ENDS:
            if last_index not in silences:
                silences[last_index] = _next_held(held, meetings[last_index])
            row.silent_since = silences[last_index]
    return Matrix(meetings=meetings, rows=rows, meeting_urls=meeting_urls)


def _matrix_cell(
    meeting: Meeting, url: str, mentioned: list[_Said], said: str, before: str, holds: str
) -> MatrixCell:
    """A cell shows what the meeting said, the status carried over when it said nothing, and
    the move against the status that held on the eve of the meeting (the engine's reading)."""
    phrases = dict.fromkeys(phrase or NO_PHRASE for phrase, _ in mentioned)
    number = next((n for _, n in mentioned if n is not None), None)
    change = engine.movement(before, holds)
    return MatrixCell(
        meeting=meeting,
        status=said,
        phrases="; ".join(phrases),
        link=url if number is None else f"{url}#p{number}",
        carried="" if said else holds,
        change=change or "",
        previous_status=before if change else "",
        holds=holds,
    )


def slug_url_maker(viewname: str) -> Callable[[str], str]:
    """get_absolute_url() by slug for many objects, at the cost of one reverse().

    A valid slug is never quoted, so it can take the place of a marker; any other slug goes
    through reverse() itself.
    """
    head, tail = reverse(viewname, args=["slug"]).rsplit("slug", 1)

    is_slug = slug_re.match  # bound once: slug_re is a lazy object, costly to reach per call

    def url(slug: str) -> str:
        return f"{head}{slug}{tail}" if is_slug(slug) else reverse(viewname, args=[slug])

    return url


def _next_held(held: Sequence[Meeting], after: Meeting) -> Meeting | None:
    """The first held meeting of the same series after `after`: where the silence began."""
    for meeting in held:
        if meeting.series == after.series and meeting.number > after.number:
            return meeting
    return None
