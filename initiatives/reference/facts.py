"""The contract of the reference loader: the typed tree the reading stage hands to the writer.

`schema.parse_reference` builds a `ReferenceRecord` of these frozen dataclasses from the file;
`services.reference_load` writes it. What is free text in the file (lead bodies, partner lists,
periods) stays text here and is resolved against the database by the writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..choices import DatePrecision, Status

FORMAT_VERSION = 1

# The statuses of the reference file and the tracker status each one reads as (shared/DESIGN.md,
# "Reading a statement"). "launched" of a facility that was already running is implementing:
# the services decide that, as it needs the initiative's kind and timeline.
REFERENCE_STATUSES: dict[str, str] = {
    "proposed": Status.PROPOSED,
    "under_study": Status.PREPARING,
    "drafting": Status.PREPARING,
    "under_negotiation": Status.PREPARING,
    "endorsed": Status.ADOPTED,
    "adopted": Status.ADOPTED,
    "launched": Status.ADOPTED,
    "implementing": Status.IMPLEMENTING,
    "completed": Status.COMPLETED,
    "superseded": Status.SUPERSEDED,
    "discussed": "",  # named only: a mention without a status
}
# An initiative's summary status may also be unknown.
CURRENT_STATUSES = {*REFERENCE_STATUSES, "unknown"}
CONFIDENCES = {"high", "medium", "low", "none"}


class ReferenceFileError(ValueError):
    """The file cannot be loaded; `line` is 1-based (0 when the file as a whole is wrong)."""

    def __init__(self, line: int, reason: str):
        self.line, self.reason = line, reason
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as the file gives it: 2021-01-22, 2022-01 or 2025."""

    first: date
    last: date
    precision: str  # DatePrecision.DAY / MONTH / YEAR

    @property
    def text(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return str(self.first.year)
        if self.precision == DatePrecision.MONTH:
            return self.first.strftime("%B %Y")
        return self.first.strftime("%-d %B %Y")


@dataclass(frozen=True)
class Source:
    url: str
    confidence: str = ""  # high / medium / low, "" when the file does not say


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    country: str
    confidence: str
    note: str = ""


@dataclass(frozen=True)
class ReportedOutcome:
    """What a report says one meeting did about one initiative (or a list of them)."""

    line: int
    initiative: str
    action: str
    reference_status: str
    confidence: str
    source: str
    also: tuple[str, ...] = ()
    source_note: str = ""

    @property
    def status(self) -> str:
        return REFERENCE_STATUSES[self.reference_status]


@dataclass(frozen=True)
class MeetingFacts:
    line: int
    number: int
    name: str
    dates: FuzzyDate
    date_note: str
    place: str
    host_country: str
    chair: Person | None
    vice_chair: Person | None
    theme: str
    theme_confidence: str
    theme_variants: tuple[str, ...]
    declaration: str
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    outcomes: tuple[ReportedOutcome, ...]
    related_meetings: str = ""


@dataclass(frozen=True)
class PlannedMeeting:
    """The next meeting as the last held one announced it ("Next: 7th ADGMIN, ...")."""

    line: int
    number: int
    city: str
    country: str
    dates: FuzzyDate
    announced_at: int


@dataclass(frozen=True)
class TimelineEvent:
    line: int
    when: FuzzyDate
    end: FuzzyDate | None
    event: str
    source: str
    confidence: str = ""

    @property
    def is_plan(self) -> bool:
        return bool(re.search(r"\bplan(?:ned)?\b|\bexpected\b", self.event, re.I))


@dataclass(frozen=True)
class YearItem:
    line: int
    year: int
    item: str
    source: str
    confidence: str


@dataclass(frozen=True)
class InitiativeFacts:
    line: int
    name: str
    acronym: str
    kind: str
    period_text: str
    period_start: int | None
    period_end: int | None
    lead_body: str
    partners: tuple[str, ...]
    timeline: tuple[TimelineEvent, ...]
    by_year: tuple[YearItem, ...]
    current_status: str
    sources: tuple[str, ...]
    facts: tuple[str, ...]
    notes: tuple[str, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceRecord:
    about: str
    bodies: dict[str, str]
    meetings: tuple[MeetingFacts, ...]
    planned: PlannedMeeting | None
    initiatives: tuple[InitiativeFacts, ...]
    version: int = FORMAT_VERSION
    skipped: tuple[str, ...] = field(default_factory=tuple)
