"""What a meeting changed for an initiative: new, returned, advanced, regressed, silent."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..choices import STATUS_RANK
from .reading import ENDS, Evidence, Holding, MeetingKey, Reading, read


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
        return movement(self.before.status, self.at.status) if self.mentioned else None


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


def movement(before: str, after: str) -> ChangeKind | None:
    """Advanced or regressed from a status that held; None when it stayed or none held."""
    if not before:
        return None
    kind = compare_statuses(before, after)
    return kind if kind != ChangeKind.UNCHANGED else None


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
    None when neither meeting mentioned it, or when `meeting` has not been held (nothing went
    silent at a meeting that has not happened)."""
    if not meeting.held:
        return None
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


@dataclass(frozen=True)
class Standing:
    """One initiative at one held meeting, as pages compare meetings and draw the matrix."""

    meeting: MeetingKey
    mentioned: bool
    said: str  # what the meeting said of it
    change: Change  # against the previous meeting of the series (before, after, last seen)


def standings(
    evidence: Reading | Iterable[Evidence],
    previous: Mapping[int, MeetingKey | None],
    following: Mapping[int, Sequence[MeetingKey]],
) -> list[Standing]:
    """The initiative at every held meeting that mentioned it or followed one that did.

    `previous` maps a meeting id to the previous held meeting of its series; `following` maps
    a meeting id to the held meetings whose previous meeting it is. Every other meeting has no
    change to show for the initiative (change_at() is None there).
    """
    reading = read(evidence)
    seen = reading.seen
    candidates = dict.fromkeys(seen)
    for m in seen:
        candidates.update(dict.fromkeys(following.get(m.id, ())))
    out = []
    for meeting in candidates:
        change = change_at(reading, meeting, previous.get(meeting.id))
        if change is not None:
            mentioned = reading.mentioned_at(meeting)
            said = reading.said_at(meeting) if mentioned else ""
            out.append(Standing(meeting, mentioned, said, change))
    return out
