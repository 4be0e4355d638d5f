"""Evidence read into the status that holds at a meeting or on a date."""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from ..choices import STATUS_RANK, InitiativeKind, Status

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

    @property
    def seen(self) -> list[MeetingKey]:
        """The held meetings that mentioned the initiative, in date order."""
        return self._seen

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


def transitions(evidence: Reading | Iterable[Evidence]) -> list[tuple[Moment, str, str]]:
    """Each change of status in time order: (moment, status before, status after)."""
    return read(evidence).transitions()
