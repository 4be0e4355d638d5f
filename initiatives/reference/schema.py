"""Stage 1 of loading the reference record: a YAML file -> a tree of typed dataclasses.

The reference file (`adgmin-facts-2021-2026.yaml`, public reports of each ADGMIN) is written by
people, so it is read strictly: every entry the writer stage relies on is checked here, and the
first problem stops the load with the line it is on and the reason (`ReferenceFileError`), before
a single row is written. What is free text in the file (lead bodies, partner lists, periods) is
kept as text here and resolved against the database by the services.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from ..choices import DatePrecision, InitiativeKind, Status

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


# ---------------------------------------------------------------------------------------------
# The contract handed to the services
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------------------------


class _Located(dict):
    """A mapping that remembers the line it and each of its keys start on."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    mapping = _Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text here, so that a bad one ("2023-02-30") is refused with its line below.
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


# ---------------------------------------------------------------------------------------------
# Field readers: each raises ReferenceFileError with the line of the offending key
# ---------------------------------------------------------------------------------------------


def _require(row: _Located, key: str, where: str) -> Any:
    if key not in row:
        raise ReferenceFileError(row.line, f"{where} has no {key!r}")
    return row[key]


def _text(row: _Located, key: str, where: str, *, required: bool = False) -> str:
    value = _require(row, key, where) if required else row.get(key)
    if value is None:
        if required:
            raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} is empty")
        return ""
    if isinstance(value, (dict, list)):
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must be text")
    text = str(value).strip()
    if required and not text:
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} is empty")
    return text


def _list(row: _Located, key: str, where: str) -> list:
    value = row.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must be a list")
    return value


def _texts(row: _Located, key: str, where: str) -> tuple[str, ...]:
    items = []
    for item in _list(row, key, where):
        if isinstance(item, (dict, list)):
            raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must list text")
        if item is not None and str(item).strip():
            items.append(str(item).strip())
    return tuple(items)


def _confidence(row: _Located, key: str, where: str, *, required: bool = False) -> str:
    value = _text(row, key, where, required=required).lower()
    if value and value not in CONFIDENCES:
        raise ReferenceFileError(
            row.line_of(key),
            f"{where}: unknown confidence {value!r} "
            f"(expected one of {', '.join(sorted(CONFIDENCES))})",
        )
    return "" if value == "none" else value


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_fuzzy_date(value: Any, line: int, where: str) -> tuple[FuzzyDate, FuzzyDate | None, str]:
    """'2021-01-21..2021-01-22', '2022-01 (note)', 2025, a date -> (first, end or None, note)."""
    if isinstance(value, date):
        day = FuzzyDate(value, value, DatePrecision.DAY)
        return day, None, ""
    text = str(value).strip() if value is not None else ""
    match = re.fullmatch(
        rf"({_DATE.pattern})(?:\s*\.\.\s*({_DATE.pattern}))?\s*(?:\((.*)\))?\s*", text
    )
    if not match:
        raise ReferenceFileError(
            line, f"{where}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    first = _fuzzy(match.group(1), line, where)
    end = _fuzzy(match.group(5), line, where) if match.group(5) else None
    if end is not None and end.last < first.first:
        raise ReferenceFileError(line, f"{where}: the dates {text!r} end before they start")
    return first, end, (match.group(9) or "").strip()


def _fuzzy(text: str, line: int, where: str) -> FuzzyDate:
    year, month, day = (int(g) if g else None for g in _DATE.fullmatch(text).groups())
    try:
        if day is not None:
            on = date(year, month, day)
            return FuzzyDate(on, on, DatePrecision.DAY)
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return FuzzyDate(date(year, month, 1), date(year, month, last), DatePrecision.MONTH)
        return FuzzyDate(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)
    except ValueError as error:
        raise ReferenceFileError(line, f"{where}: {text!r} is not a valid date ({error})") from None


_PERIOD = re.compile(
    r"^\s*(?:(?P<from>from)\s+|(?P<to>to|until)\s+)?(?P<a>(?:19|20)\d{2})"
    r"(?:\s*[-–]\s*(?P<b>(?:19|20)\d{2})?)?"
)


def parse_period(text: str) -> tuple[int | None, int | None]:
    """'2021-2025' -> (2021, 2025); 'from 2024', '2025-' -> (2024, None); 'to 2024' -> (None,
    2024); what does not start with a year ('annual', 'negotiated 2023-2026') has no period."""
    match = _PERIOD.match(text or "")
    if not match:
        return None, None
    a, b = int(match["a"]), int(match["b"]) if match["b"] else None
    if match["to"]:
        return None, a
    if b is not None and b < a:
        return None, None
    return a, b


_KINDS = {value: value for value in InitiativeKind.values} | {
    "work plan": InitiativeKind.WORK_PLAN,
    "guideline": InitiativeKind.GUIDE,
    "guidelines": InitiativeKind.GUIDE,
    "program": InitiativeKind.PROGRAMME,
    "project": InitiativeKind.PROGRAMME,
    "center": InitiativeKind.CENTRE,
}


def _kind(row: _Located, where: str) -> str:
    text = _text(row, "kind", where, required=True).lower()
    kind = _KINDS.get(text) or _KINDS.get(text.replace("_", " "))
    if kind is None:
        raise ReferenceFileError(row.line_of("kind"), f"{where}: unknown kind {text!r}")
    return str(kind)


def _status(row: _Located, key: str, where: str, allowed: set[str] | dict) -> str:
    value = _text(row, key, where, required=True).lower()
    if value not in allowed:
        raise ReferenceFileError(
            row.line_of(key),
            f"{where}: unknown status {value!r} (expected one of {', '.join(allowed)})",
        )
    return value


def _mapping(value: Any, line: int, where: str) -> _Located:
    if not isinstance(value, _Located):
        raise ReferenceFileError(line, f"{where} must be a mapping of fields")
    return value


def _url(value: Any, line: int, where: str) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if text and not re.match(r"https?://\S+$", text):
        raise ReferenceFileError(line, f"{where}: {text!r} is not a web address")
    return text


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------


def _person(row: _Located, key: str, where: str) -> Person | None:
    value = row.get(key)
    if value is None:
        return None
    value = _mapping(value, row.line_of(key), f"{where}: {key}")
    name = _text(value, "person", f"{where}: {key}")
    if not name:
        return None
    return Person(
        name=name,
        title=_text(value, "title", f"{where}: {key}"),
        country=_text(value, "country", f"{where}: {key}"),
        confidence=_confidence(value, "confidence", f"{where}: {key}"),
        note=_text(value, "note", f"{where}: {key}"),
    )


def _outcome(row: Any, line: int, where: str) -> ReportedOutcome:
    row = _mapping(row, line, where)
    return ReportedOutcome(
        line=row.line,
        initiative=_text(row, "initiative", where, required=True),
        action=_text(row, "action", where),
        reference_status=_status(row, "status", where, REFERENCE_STATUSES),
        confidence=_confidence(row, "confidence", where, required=True),
        source=_url(row.get("source"), row.line_of("source"), where),
        also=tuple(_url(u, row.line_of("also"), where) for u in _texts(row, "also", where)),
        source_note=_text(row, "source_note", where),
    )


def _meeting(row: Any, line: int) -> MeetingFacts:
    where = "meeting"
    row = _mapping(row, line, where)
    number = _require(row, "number", where)
    if not isinstance(number, int) or number < 1:
        raise ReferenceFileError(
            row.line_of("number"), f"meeting number {number!r} is not a positive number"
        )
    where = f"meeting {number}"
    first, end, note = parse_fuzzy_date(_require(row, "dates", where), row.line_of("dates"), where)
    if end is not None and end.precision != DatePrecision.DAY:
        raise ReferenceFileError(row.line_of("dates"), f"{where}: a date range needs full dates")
    dates = FuzzyDate(first.first, end.last if end else first.last, first.precision)
    outcomes = tuple(
        _outcome(item, row.line_of("mentions"), f"{where}, reported outcome")
        for item in _list(row, "mentions", where)
    )
    return MeetingFacts(
        line=row.line,
        number=number,
        name=_text(row, "name", where, required=True),
        dates=dates,
        date_note=note,
        place=_text(row, "place", where, required=True),
        host_country=_text(row, "host_country", where, required=True),
        chair=_person(row, "chair", where),
        vice_chair=_person(row, "vice_chair", where),
        theme=_text(row, "theme", where),
        theme_confidence=_confidence(row, "theme_confidence", where),
        theme_variants=_texts(row, "theme_variants", where),
        declaration=_text(row, "declaration", where),
        notes=_texts(row, "notes", where),
        sources=tuple(
            _url(u, row.line_of("sources"), where) for u in _texts(row, "sources", where)
        ),
        outcomes=outcomes,
        related_meetings=_text(row, "related_meetings", where),
    )


_NEXT = re.compile(
    r"Next:\s*(?P<n>\d+)(?:st|nd|rd|th)\s+ADGMIN,\s*(?P<city>[^,]+),\s*(?P<country>[^,]+),\s*"
    r"(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4})"
)


def _planned(meetings: list[MeetingFacts], rows: list) -> PlannedMeeting | None:
    """The last held meeting's "Next: 7th ADGMIN, City, Country, Month Year." note."""
    if not meetings:
        return None
    last = max(meetings, key=lambda m: m.number)
    for note in last.notes:
        match = _NEXT.search(note)
        if not match:
            continue
        try:
            month = list(calendar.month_name).index(match["month"])
        except ValueError:
            raise ReferenceFileError(
                last.line, f"meeting {last.number}: unknown month in {note!r}"
            ) from None
        when = _fuzzy(f"{match['year']}-{month:02d}", last.line, f"meeting {last.number}")
        return PlannedMeeting(
            line=last.line,
            number=int(match["n"]),
            city=match["city"].strip(),
            country=match["country"].strip(),
            dates=when,
            announced_at=last.number,
        )
    return None


def _event(row: Any, line: int, where: str) -> TimelineEvent:
    row = _mapping(row, line, where)
    first, end, _ = parse_fuzzy_date(_require(row, "date", where), row.line_of("date"), where)
    return TimelineEvent(
        line=row.line,
        when=first,
        end=end,
        event=_text(row, "event", where, required=True),
        source=_url(row.get("source"), row.line_of("source"), where),
        confidence=_confidence(row, "confidence", where),
    )


def _year_item(row: Any, line: int, where: str) -> YearItem:
    row = _mapping(row, line, where)
    year = _require(row, "year", where)
    if not isinstance(year, int):
        raise ReferenceFileError(row.line_of("year"), f"{where}: year {year!r} is not a year")
    return YearItem(
        line=row.line,
        year=year,
        item=_text(row, "item", where, required=True),
        source=_url(row.get("source"), row.line_of("source"), where),
        confidence=_confidence(row, "confidence", where),
    )


def _initiative(row: Any, line: int) -> InitiativeFacts:
    row = _mapping(row, line, "initiative")
    name = _text(row, "name", "initiative", required=True)
    where = f"initiative {name!r}"
    period_text = _text(row, "period", where)
    start, end = parse_period(period_text)
    notes = []
    for key in ("note", "current_status_note", "disambiguation"):
        if row.get(key):
            notes.append(_text(row, key, where))
    return InitiativeFacts(
        line=row.line,
        name=name,
        acronym=_text(row, "acronym", where),
        kind=_kind(row, where),
        period_text=period_text,
        period_start=start,
        period_end=end,
        lead_body=_text(row, "lead_body", where),
        partners=_texts(row, "partners", where),
        timeline=tuple(
            _event(item, row.line_of("timeline"), f"{where}, timeline")
            for item in _list(row, "timeline", where)
        ),
        by_year=tuple(
            _year_item(item, row.line_of("by_year"), f"{where}, by_year")
            for item in _list(row, "by_year", where)
        ),
        current_status=_status(row, "current_status", where, CURRENT_STATUSES)
        if "current_status" in row
        else "unknown",
        sources=tuple(
            _url(u, row.line_of("sources"), where) for u in _texts(row, "sources", where)
        ),
        facts=_texts(row, "facts", where),
        notes=tuple(notes),
        conflicts=_texts(row, "conflicts", where),
    )


def parse_reference(text: str) -> ReferenceRecord:
    """Read and check the whole file; raise ReferenceFileError on the first problem."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise ReferenceFileError(
            mark.line + 1 if mark else 0, f"not valid YAML: {reason}"
        ) from None
    if not isinstance(data, _Located):
        raise ReferenceFileError(0, "the file is not a mapping with meetings and initiatives")
    for key in ("meetings", "initiatives"):
        if not isinstance(data.get(key), list):
            raise ReferenceFileError(data.line_of(key), f"the file has no list of {key}")
    meetings = [_meeting(row, data.line_of("meetings")) for row in data["meetings"]]
    numbers = [m.number for m in meetings]
    for meeting in meetings:
        if numbers.count(meeting.number) > 1:
            raise ReferenceFileError(meeting.line, f"meeting {meeting.number} is listed twice")
    bodies = data.get("bodies") or {}
    if not isinstance(bodies, dict):
        raise ReferenceFileError(data.line_of("bodies"), "bodies must map short names to names")
    initiatives = [_initiative(row, data.line_of("initiatives")) for row in data["initiatives"]]
    return ReferenceRecord(
        about=str(data.get("about") or ""),
        bodies={str(k): str(v) for k, v in bodies.items()},
        meetings=tuple(sorted(meetings, key=lambda m: m.number)),
        planned=_planned(meetings, data["meetings"]),
        initiatives=tuple(initiatives),
    )
