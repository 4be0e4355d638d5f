"""Stage 1 of loading the reference record: a YAML file -> a tree of typed dataclasses.

The reference file (`adgmin-facts-2021-2026.yaml`, public reports of each ADGMIN) is written by
people, so it is read strictly: every entry the writer stage relies on is checked here, and the
first problem stops the load with the line it is on and the reason (`ReferenceFileError`), before
a single row is written. The tree it returns is the contract of reference.facts; the field
readers are reference.fields.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from ..choices import DatePrecision
from .facts import (
    CURRENT_STATUSES,
    REFERENCE_STATUSES,
    FuzzyDate,
    InitiativeFacts,
    MeetingFacts,
    Person,
    PlannedMeeting,
    ReferenceFileError,
    ReferenceRecord,
    ReportedOutcome,
    TimelineEvent,
    YearItem,
)
from .fields import (
    Located,
    as_mapping,
    confidence_field,
    fuzzy_date,
    kind_field,
    list_field,
    load_located,
    parse_fuzzy_date,
    parse_period,
    require,
    status_field,
    text_field,
    texts_field,
    web_address_field,
    web_addresses,
)

# The loader's callers read the error and the record from here, with parse_reference.
__all__ = ["ReferenceFileError", "ReferenceRecord", "parse_reference"]


def _person(row: Located, key: str, where: str) -> Person | None:
    value = row.get(key)
    if value is None:
        return None
    value = as_mapping(value, row.line_of(key), f"{where}: {key}")
    name = text_field(value, "person", f"{where}: {key}")
    if not name:
        return None
    return Person(
        name=name,
        title=text_field(value, "title", f"{where}: {key}"),
        country=text_field(value, "country", f"{where}: {key}"),
        confidence=confidence_field(value, "confidence", f"{where}: {key}"),
        note=text_field(value, "note", f"{where}: {key}"),
    )


def _outcome(row: Any, line: int, where: str) -> ReportedOutcome:
    row = as_mapping(row, line, where)
    return ReportedOutcome(
        line=row.line,
        initiative=text_field(row, "initiative", where, required=True),
        action=text_field(row, "action", where),
        reference_status=status_field(row, "status", where, REFERENCE_STATUSES),
        confidence=confidence_field(row, "confidence", where, required=True),
        source=web_address_field(row, "source", where),
        also=web_addresses(row, "also", where),
        source_note=text_field(row, "source_note", where),
    )


def _meeting(row: Any, line: int) -> MeetingFacts:
    where = "meeting"
    row = as_mapping(row, line, where)
    number = require(row, "number", where)
    if not isinstance(number, int) or number < 1:
        raise ReferenceFileError(
            row.line_of("number"), f"meeting number {number!r} is not a positive number"
        )
    where = f"meeting {number}"
    first, end, note = parse_fuzzy_date(require(row, "dates", where), row.line_of("dates"), where)
    if end is not None and end.precision != DatePrecision.DAY:
        raise ReferenceFileError(row.line_of("dates"), f"{where}: a date range needs full dates")
    dates = FuzzyDate(first.first, end.last if end else first.last, first.precision)
    outcomes = tuple(
        _outcome(item, row.line_of("mentions"), f"{where}, reported outcome")
        for item in list_field(row, "mentions", where)
    )
    return MeetingFacts(
        line=row.line,
        number=number,
        name=text_field(row, "name", where, required=True),
        dates=dates,
        date_note=note,
        place=text_field(row, "place", where, required=True),
        host_country=text_field(row, "host_country", where, required=True),
        chair=_person(row, "chair", where),
        vice_chair=_person(row, "vice_chair", where),
        theme=text_field(row, "theme", where),
        theme_confidence=confidence_field(row, "theme_confidence", where),
        theme_variants=texts_field(row, "theme_variants", where),
        declaration=text_field(row, "declaration", where),
        notes=texts_field(row, "notes", where),
        sources=web_addresses(row, "sources", where),
        outcomes=outcomes,
        related_meetings=text_field(row, "related_meetings", where),
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
        when = fuzzy_date(f"{match['year']}-{month:02d}", last.line, f"meeting {last.number}")
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
    row = as_mapping(row, line, where)
    first, end, _ = parse_fuzzy_date(require(row, "date", where), row.line_of("date"), where)
    return TimelineEvent(
        line=row.line,
        when=first,
        end=end,
        event=text_field(row, "event", where, required=True),
        source=web_address_field(row, "source", where),
        confidence=confidence_field(row, "confidence", where),
    )


def _year_item(row: Any, line: int, where: str) -> YearItem:
    row = as_mapping(row, line, where)
    year = require(row, "year", where)
    if not isinstance(year, int):
        raise ReferenceFileError(row.line_of("year"), f"{where}: year {year!r} is not a year")
    return YearItem(
        line=row.line,
        year=year,
        item=text_field(row, "item", where, required=True),
        source=web_address_field(row, "source", where),
        confidence=confidence_field(row, "confidence", where),
    )


def _initiative(row: Any, line: int) -> InitiativeFacts:
    row = as_mapping(row, line, "initiative")
    name = text_field(row, "name", "initiative", required=True)
    where = f"initiative {name!r}"
    period_text = text_field(row, "period", where)
    start, end = parse_period(period_text)
    notes = []
    for key in ("note", "current_status_note", "disambiguation"):
        if row.get(key):
            notes.append(text_field(row, key, where))
    return InitiativeFacts(
        line=row.line,
        name=name,
        acronym=text_field(row, "acronym", where),
        kind=kind_field(row, where),
        period_text=period_text,
        period_start=start,
        period_end=end,
        lead_body=text_field(row, "lead_body", where),
        partners=texts_field(row, "partners", where),
        timeline=tuple(
            _event(item, row.line_of("timeline"), f"{where}, timeline")
            for item in list_field(row, "timeline", where)
        ),
        by_year=tuple(
            _year_item(item, row.line_of("by_year"), f"{where}, by_year")
            for item in list_field(row, "by_year", where)
        ),
        current_status=status_field(row, "current_status", where, CURRENT_STATUSES)
        if "current_status" in row
        else "unknown",
        sources=web_addresses(row, "sources", where),
        facts=texts_field(row, "facts", where),
        notes=tuple(notes),
        conflicts=texts_field(row, "conflicts", where),
    )


def parse_reference(text: str) -> ReferenceRecord:
    """Read and check the whole file; raise ReferenceFileError on the first problem."""
    data = load_located(text)
    if not isinstance(data, Located):
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
