"""The status engine: how the tracker reads evidence into a status. No database here.

Every page, export, feed and the importer ask these functions which status holds, since when,
whether a next step is overdue, whether an initiative is stale and what changed between two
meetings, so that the answer is the same everywhere. The rules are those of shared/DESIGN.md,
"Reading a statement":

- the latest evidence wins; evidence is what a held meeting said (a statement quotation, a
  report of the meeting or an officer's entry of it) and officers' dated progress updates;
- at one meeting a statement outranks a report of it, and several statuses said of one
  initiative resolve to the furthest along, an end (completed, discontinued, superseded)
  outranking the rest;
- an officer's update outranks meetings before its date and is outranked by the next meeting
  (an update dated on a meeting's first day is taken as written after it);
- a mention without a status carries the status over; a withdrawn update, a report replaced by
  a quotation and a planned meeting count for nothing;
- "since" is when the current status began; saying it again is a reaffirmation, not a new start.

Callers load the evidence (initiatives/selectors/evidence.py does it in two queries) and pass
plain values in, so these functions are cheap to test exhaustively (tests/status/).
"""

from __future__ import annotations

import calendar
import enum
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from .choices import STATUS_RANK, DatePrecision, InitiativeKind, Status

ENDS: tuple[str, ...] = (Status.COMPLETED, Status.DISCONTINUED, Status.SUPERSEDED)
# Kinds of one-off acts: a declaration is adopted once and nobody reports progress on it.
ONE_OFF_KINDS = frozenset({InitiativeKind.DECLARATION})

NO_STATUS_LABEL = "No status said"


def status_label(status: str | None) -> str:
    """The one wording of a status for people, including the absence of one."""
    if not status:
        return NO_STATUS_LABEL
    try:
        return Status(status).label
    except ValueError:
        return status


def furthest(statuses: Iterable[str]) -> str:
    """The furthest along of statuses said at one moment: an end beats the ladder, the ladder
    beats an officer-set status such as stalled; "" when none was said."""
    said = [s for s in statuses if s]
    if not said:
        return ""
    return max(said, key=_furthest_key)


def _furthest_key(status: str) -> tuple[int, int]:
    if status in ENDS:
        return (2, ENDS.index(status))
    rank = STATUS_RANK.get(status)
    return (1, rank) if rank is not None else (0, 0)


class Source(enum.StrEnum):
    STATEMENT = "statement"  # a paragraph of the meeting's statement, quoted
    REPORT = "report"  # a public report of the meeting
    OFFICER = "officer"  # an officer's entry of what the meeting said
    UPDATE = "update"  # an officer's dated progress update between meetings


@dataclass(frozen=True)
class MeetingKey:
    """What the engine needs to know of a meeting."""

    id: int
    on: date | None  # its first day; None for a planned meeting not yet dated
    series: str = ""
    planned: bool = False

    @property
    def held(self) -> bool:
        return not self.planned and self.on is not None


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence about one initiative.

    For a mention, `on` is the meeting's first day and `meeting` the meeting; for a progress
    update, `on` is its date and `meeting` None. `seq` orders updates of one day. Whether it
    counts is worked out once, when it is made: pages read thousands of these.
    """

    on: date | None
    status: str
    source: Source
    meeting: MeetingKey | None = None
    seq: int = 0
    withdrawn: bool = False  # a withdrawn progress update
    replaced: bool = False  # a report replaced by the statement's quotation
    country_note: bool = False  # a member state's note: activity, never the official status
    counts: bool = field(init=False, compare=False)  # exists for the record at all
    moves_status: bool = field(init=False, compare=False)

    def __post_init__(self):
        counts = not (self.withdrawn or self.replaced or self.on is None) and (
            self.meeting is None or self.meeting.held
        )
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "moves_status", counts and not self.country_note)


@dataclass(frozen=True)
class Holding:
    """The status that holds, with when it began and when it was last said again."""

    status: str = ""
    since: date | None = None
    reaffirmed_on: date | None = None
    source: Source | None = None  # what set it (the latest evidence that said it)
    meeting: MeetingKey | None = None  # the meeting that last said it, if a meeting did

    @property
    def label(self) -> str:
        return status_label(self.status)


NOTHING = Holding()


@dataclass(frozen=True)
class Moment:
    """Evidence that falls together: all meetings of one day, or one progress update."""

    on: date
    status: str  # what the moment says ("" when it says nothing about progress)
    source: Source | None
    meetings: tuple[MeetingKey, ...]


def _order(e: Evidence) -> tuple:
    """Position in time: a meeting's evidence before an update of the same day."""
    return (e.on, 1, e.seq) if e.meeting is None else (e.on, 0, 0)


def moments(evidence: Iterable[Evidence]) -> list[Moment]:
    """The evidence that moves the status, grouped into moments in time order."""
    items = sorted((e for e in evidence if e.moves_status), key=_order)
    out: list[Moment] = []
    i, n = 0, len(items)
    while i < n:
        first = items[i]
        if first.meeting is None:  # a progress update: a moment of its own
            out.append(Moment(first.on, first.status, Source.UPDATE, ()))
            i += 1
            continue
        j = i + 1
        while j < n and items[j].meeting is not None and items[j].on == first.on:
            j += 1
        if j == i + 1:  # the usual case: one mention that day
            out.append(Moment(first.on, first.status, first.source, (first.meeting,)))
        else:
            group = items[i:j]
            status, source = _meeting_day_status(group)
            meetings = tuple(dict.fromkeys(e.meeting for e in group))
            out.append(Moment(first.on, status, source, meetings))
        i = j
    return out


def _meeting_day_status(group: list[Evidence]) -> tuple[str, Source | None]:
    """What the meetings of one day said: per meeting a quotation outranks a report or an
    officer's entry of it; over all, the furthest along."""
    if len(group) == 1:
        only = group[0]
        return (only.status, only.source) if only.status else ("", None)
    said: list[tuple[str, Source]] = []
    for _, per_meeting in groupby(
        sorted(group, key=lambda e: e.meeting.id), key=lambda e: e.meeting.id
    ):
        per_meeting = [e for e in per_meeting if e.status]
        quoted = [e for e in per_meeting if e.source == Source.STATEMENT]
        said.extend((e.status, e.source) for e in (quoted or per_meeting))
    if not said:
        return "", None
    best = furthest(s for s, _ in said)
    sources = [src for s, src in said if s == best]
    return best, (Source.STATEMENT if Source.STATEMENT in sources else sources[0])


def _step(holding: Holding, moment: Moment) -> Holding:
    if not moment.status:
        return holding  # said nothing about progress: the status carries over
    meeting = moment.meetings[-1] if moment.meetings else None
    if moment.status != holding.status:
        return Holding(moment.status, moment.on, moment.on, moment.source, meeting)
    return Holding(holding.status, holding.since, moment.on, moment.source, meeting)


class Reading:
    """One initiative's evidence read once: its moments in time order, the status after each,
    and the meetings that mentioned it. Every question below is a lookup in these, so a page
    that asks about many meetings reads each initiative's evidence a single time."""

    def __init__(self, evidence: Iterable[Evidence]):
        self.evidence = evidence if isinstance(evidence, list) else list(evidence)
        self.moments = moments(self.evidence)
        self._after: list[Holding] = []
        holding = NOTHING
        for moment in self.moments:
            holding = _step(holding, moment)
            self._after.append(holding)
        self._keys = [(m.on, 1 if m.source == Source.UPDATE else 0) for m in self.moments]
        self._mentions: dict[int, list[Evidence]] = {}
        for e in self.evidence:
            if e.counts and e.meeting is not None:
                self._mentions.setdefault(e.meeting.id, []).append(e)
        self._seen = sorted(
            {e[0].meeting for e in self._mentions.values()}, key=lambda m: (m.on, m.id)
        )

    def _upto(self, count: int) -> Holding:
        return self._after[count - 1] if count else NOTHING

    def now(self) -> Holding:
        return self._upto(len(self._after))

    def on(self, day: date | None) -> Holding:
        """The status at the end of `day` (now when None)."""
        if day is None:
            return self.now()
        return self._upto(bisect_right(self._keys, (day, 2)))

    def before_meeting(self, meeting: MeetingKey) -> Holding:
        if meeting.on is None:
            return self.now()
        return self._upto(bisect_left(self._keys, (meeting.on, 0)))

    def at_meeting(self, meeting: MeetingKey) -> Holding:
        """Everything said at meetings up to its day, and updates dated before it."""
        if meeting.on is None:
            return self.now()
        return self._upto(bisect_right(self._keys, (meeting.on, 0)))

    def mentioned_at(self, meeting: MeetingKey) -> bool:
        return meeting.id in self._mentions

    def said_at(self, meeting: MeetingKey) -> str:
        """What one meeting said of the initiative (a quotation over a report; the furthest)."""
        at = [e for e in self._mentions.get(meeting.id, ()) if e.moves_status]
        return _meeting_day_status(at)[0] if at else ""

    def last_seen_before(self, meeting: MeetingKey) -> MeetingKey | None:
        """The latest meeting before `meeting` that mentioned the initiative, any series."""
        if meeting.on is None:
            return None
        earlier = [m for m in self._seen if m.id != meeting.id and m.on < meeting.on]
        return earlier[-1] if earlier else None

    def transitions(self) -> list[tuple[Moment, str, str]]:
        """Each change of status in time order: (moment, status before, status after)."""
        out, current = [], ""
        for moment in self.moments:
            if moment.status and moment.status != current:
                out.append((moment, current, moment.status))
                current = moment.status
        return out


def read(evidence: Reading | Iterable[Evidence]) -> Reading:
    return evidence if isinstance(evidence, Reading) else Reading(evidence)


def status_on(evidence: Reading | Iterable[Evidence], on: date | None = None) -> Holding:
    """The status that holds at the end of day `on` (today's when None)."""
    return read(evidence).on(on)


def status_at_meeting(evidence: Reading | Iterable[Evidence], meeting: MeetingKey) -> Holding:
    """The status that holds at a meeting: everything said at meetings up to its day, and
    updates dated before it. For a planned meeting not yet dated, the status that holds now."""
    return read(evidence).at_meeting(meeting)


def status_before_meeting(evidence: Reading | Iterable[Evidence], meeting: MeetingKey) -> Holding:
    """The status that held on the eve of a meeting: what the meeting is compared with."""
    return read(evidence).before_meeting(meeting)


@dataclass(frozen=True)
class AtMeeting:
    """One initiative at one meeting, as the matrix and the timeline show it."""

    mentioned: bool
    said: str  # what the meeting said of it ("" when nothing about progress)
    before: Holding  # on the eve of the meeting
    at: Holding  # at the meeting, the status carried over when nothing was said

    @property
    def carried(self) -> bool:
        return not self.said

    @property
    def change(self) -> ChangeKind | None:
        """Advanced or regressed against the status that held before; None otherwise."""
        if not self.mentioned or not self.before.status:
            return None
        kind = compare_statuses(self.before.status, self.at.status)
        return kind if kind != ChangeKind.UNCHANGED else None


def at_meetings(
    evidence: Reading | Iterable[Evidence], meetings: Iterable[MeetingKey]
) -> dict[int, AtMeeting]:
    """meeting id -> the initiative at that meeting, for each of `meetings` (the same answers
    as status_at_meeting and status_before_meeting), from one reading of the evidence."""
    reading = read(evidence)
    return {
        m.id: AtMeeting(
            reading.mentioned_at(m),
            reading.said_at(m),
            reading.before_meeting(m),
            reading.at_meeting(m),
        )
        for m in meetings
    }


def transitions(evidence: Reading | Iterable[Evidence]) -> list[tuple[Moment, str, str]]:
    """Each change of status in time order: (moment, status before, status after)."""
    return read(evidence).transitions()


# ---------------------------------------------------------------------------------------------
# Mentions at meetings, and the comparison of two meetings
# ---------------------------------------------------------------------------------------------
def mentioned_at(evidence: Reading | Iterable[Evidence], meeting: MeetingKey) -> bool:
    return read(evidence).mentioned_at(meeting)


def said_at(evidence: Reading | Iterable[Evidence], meeting: MeetingKey) -> str:
    """What one meeting said of the initiative (a quotation over a report; the furthest)."""
    return read(evidence).said_at(meeting)


def last_seen_before(
    evidence: Reading | Iterable[Evidence], meeting: MeetingKey
) -> MeetingKey | None:
    """The latest meeting before `meeting` that mentioned the initiative, any series."""
    return read(evidence).last_seen_before(meeting)


class ChangeKind(enum.StrEnum):
    NEW = "new"
    RETURNED = "returned"
    ADVANCED = "advanced"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    SILENT = "silent"


CHANGE_KINDS: tuple[ChangeKind, ...] = tuple(ChangeKind)
CHANGE_LABELS: dict[str, str] = {
    ChangeKind.NEW: "New",
    ChangeKind.RETURNED: "Returned",
    ChangeKind.ADVANCED: "Advanced",
    ChangeKind.REGRESSED: "Regressed",
    ChangeKind.UNCHANGED: "Unchanged",
    ChangeKind.SILENT: "Went silent",
}
CHANGE_MEANINGS: dict[str, str] = {
    ChangeKind.NEW: "Mentioned for the first time at any meeting.",
    ChangeKind.RETURNED: "Mentioned again after one or more meetings that did not mention it.",
    ChangeKind.ADVANCED: "Its status moved further along than the status that held before.",
    ChangeKind.REGRESSED: "Its status moved back from the status that held before the meeting.",
    ChangeKind.UNCHANGED: "Mentioned again; the status that held before still holds.",
    ChangeKind.SILENT: "Mentioned at the previous meeting of the series, not at this one.",
}


def compare_statuses(before: str, after: str) -> ChangeKind:
    """Advanced, regressed or unchanged, from the status that held before to the one after."""
    if before == after:
        return ChangeKind.UNCHANGED
    if not before:
        return ChangeKind.ADVANCED
    if not after:
        return ChangeKind.UNCHANGED  # nothing said carries the status over
    rb, ra = _compare_rank(before), _compare_rank(after)
    return ChangeKind.REGRESSED if ra < rb else ChangeKind.ADVANCED


def _compare_rank(status: str) -> int:
    if status in ENDS:
        return 6
    return STATUS_RANK.get(status, 0)  # stalled and other officer-set statuses sit lowest


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    before: str  # the status that held on the eve of the meeting
    after: str  # the status that holds at the meeting
    last_seen: MeetingKey | None = None  # for "returned": where it was last mentioned


def change_at(
    evidence: Reading | Sequence[Evidence], meeting: MeetingKey, previous: MeetingKey | None
) -> Change | None:
    """What `meeting` changed for one initiative against the previous meeting of its series;
    None when neither meeting mentioned it."""
    reading = read(evidence)
    before = reading.before_meeting(meeting).status
    if reading.mentioned_at(meeting):
        after = reading.at_meeting(meeting).status
        seen = reading.last_seen_before(meeting)
        if seen is None:
            return Change(ChangeKind.NEW, before, after)
        if previous is not None and not reading.mentioned_at(previous):
            return Change(ChangeKind.RETURNED, before, after, seen)
        return Change(compare_statuses(before, after), before, after)
    if previous is not None and reading.mentioned_at(previous):
        return Change(ChangeKind.SILENT, before, reading.at_meeting(meeting).status)
    return None


# ---------------------------------------------------------------------------------------------
# Expected dates, overdue and stale
# ---------------------------------------------------------------------------------------------
def due_by(on: date, precision: str) -> date:
    """The last day of an expected date at its precision: "in 2023" is due by 31 December."""
    if precision == DatePrecision.YEAR:
        return date(on.year, 12, 31)
    if precision in (DatePrecision.HALF, DatePrecision.QUARTER):
        months = 6 if precision == DatePrecision.HALF else 3
        last_month = ((on.month - 1) // months + 1) * months
        return date(on.year, last_month, calendar.monthrange(on.year, last_month)[1])
    if precision == DatePrecision.MONTH:
        return date(on.year, on.month, calendar.monthrange(on.year, on.month)[1])
    return on


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def precision_of(words: str) -> str:
    """How precise words of expectation are: "by 15 March 2024" a day, "in March 2024" a
    month, "Q3 2024" a quarter, "early 2023" or "mid-2026" a half-year, "in 2023" a year."""
    tokens = [t.strip(".,;()") for t in words.casefold().replace("-", " ").split()]
    has_month = any(
        len(t) >= 3 and any(m.startswith(t) for m in _MONTHS) for t in tokens if t.isalpha()
    )
    has_day = any(t.isdigit() and 1 <= int(t) <= 31 for t in tokens)
    if has_month and has_day:
        return DatePrecision.DAY
    if has_month:
        return DatePrecision.MONTH
    if any(t in {"q1", "q2", "q3", "q4", "quarter"} for t in tokens):
        return DatePrecision.QUARTER
    if any(t in {"early", "mid", "late", "half", "h1", "h2", "middle"} for t in tokens):
        return DatePrecision.HALF
    return DatePrecision.YEAR if words.strip() else DatePrecision.DAY


def format_expected(on: date, precision: str) -> str:
    """An expected date as precise as it was said: "2023", "H1 2026", "March 2024", a day."""
    if precision == DatePrecision.YEAR:
        return str(on.year)
    if precision == DatePrecision.HALF:
        return f"{'first' if on.month <= 6 else 'second'} half of {on.year}"
    if precision == DatePrecision.QUARTER:
        return f"Q{(on.month - 1) // 3 + 1} {on.year}"
    if precision == DatePrecision.MONTH:
        return on.strftime("%B %Y")
    return f"{on.day} {on.strftime('%B %Y')}"


def expectation_met(*, expected_status: str, held: str) -> bool:
    """Whether the step expected has happened: the status moved past the one that held when
    the step was expected (an end always settles it)."""
    if held in ENDS:
        return True
    if not held or not expected_status:
        return False
    return _compare_rank(held) > _compare_rank(expected_status)


def is_overdue(
    *, expected_on: date | None, precision: str, expected_status: str, held: str, today: date
) -> bool:
    """An expected step is overdue once its whole period has passed without it happening."""
    if expected_on is None or expectation_met(expected_status=expected_status, held=held):
        return False
    return due_by(expected_on, precision) < today


def stale_cutoff(today: date, stale_days: int) -> date:
    return today - timedelta(days=stale_days)


def is_stale(
    *, kind: str, held: str, last_evidence_on: date | None, today: date, stale_days: int
) -> bool:
    """No evidence of any kind (a meeting's mention, an update, a country note) for the stale
    period. One-off acts and finished initiatives are never stale."""
    if kind in ONE_OFF_KINDS or held in ENDS:
        return False
    return last_evidence_on is None or last_evidence_on < stale_cutoff(today, stale_days)


def last_evidence_on(evidence: Iterable[Evidence]) -> date | None:
    days = [e.on for e in evidence if e.counts]
    return max(days) if days else None
