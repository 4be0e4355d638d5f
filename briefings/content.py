"""The briefing pack as a typed tree: what the page, the Word and PDF files and the API all show.

The selector (briefings.selectors.briefing_pack) builds one `BriefingPack`; every output reads
the same tree, so the page, the files and the JSON cannot disagree. The tree is plain data with
an explicit JSON form (`to_json` / `from_json`), versioned by CONTENT_VERSION: a build stores the
JSON it was made from, and a reader refuses a version it does not know rather than guess.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Self

CONTENT_VERSION = 1


class UnknownVersion(ValueError):
    """The JSON was written by a version of the pack this code does not read."""


# ---------------------------------------------------------------------------------------------
# The JSON form, read from each dataclass's own fields
# ---------------------------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too (a subclass): both as ISO text
        return value.isoformat()
    if isinstance(value, _Json):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(hint, types.UnionType):  # `X | None`: the value is an X
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return [_decode(item, v) for v in value]
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value) if value else None
    if isinstance(hint, type) and issubclass(hint, _Json):
        return hint.from_json(value)
    if hint is bool:
        return bool(value)
    return value


class _Json:
    """`to_json` / `from_json` field by field, in the order the dataclass declares them: dates
    as ISO text, nested parts as their own JSON. A key missing from the JSON takes the field's
    default, and a field without one must be there (KeyError otherwise)."""

    def to_json(self) -> dict:
        return {f.name: _encode(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict) -> Self:
        hints = _hints(cls)
        values = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in fields(cls)
            if f.name in data or (f.default is MISSING and f.default_factory is MISSING)
        }
        return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


# ---------------------------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingRef(_Json):
    slug: str
    name: str  # "7th ADGMIN"
    title: str
    when: str  # dates as people read them
    start_date: date | None
    is_planned: bool
    venue: str
    url: str


@dataclass(frozen=True)
class LastWords(_Json):
    """What the ministers last said of an initiative, and where that is written.

    `evidence` is "statement" (a quotation from a paragraph, with its link), "report" (a public
    report of the meeting: `source_url`, publisher, confidence) or "officer" (an officer's entry).
    """

    meeting: str  # "6th ADGMIN"
    meeting_date: date | None
    evidence: str
    phrase: str
    status: str
    quotation: str  # the sentence(s) of the paragraph naming it; "" without a paragraph
    paragraph: int | None
    link: str  # the paragraph on the meeting page, or the report
    source_url: str
    publisher: str
    confidence: str


@dataclass(frozen=True)
class Update(_Json):
    """An officer's progress update, or a member state's country note (`member_state` set)."""

    date: date
    status: str
    percent_complete: int | None
    summary: str
    evidence_url: str
    member_state: str = ""
    initiative: str = ""  # the initiative's name, for the country-notes section
    initiative_slug: str = ""


@dataclass(frozen=True)
class InitiativeBrief(_Json):
    """One initiative in scope: its status on the eve of the meeting and why it matters now."""

    slug: str
    name: str
    acronym: str
    kind: str
    url: str
    lead_body: str
    partners: list[str]
    outcomes: list[str]
    status: str
    status_label: str
    status_since: date | None
    last_words: LastWords | None
    updates: list[Update]
    expected_text: str
    expected_date: date | None
    due: str  # "overdue", "due" (before the meeting) or ""
    silent_meetings: int  # meetings of the series without a word, counting this one
    change: str  # at the last meeting: new / advanced / unchanged / regressed / silent / ""
    section: str  # the statement section its paragraph belongs to: "own" or "partners"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class ChangeItem(_Json):
    """One initiative's move at the last meeting against the one before it."""

    slug: str
    name: str
    url: str
    kind: str  # new / advanced / regressed / silent / unchanged
    before: str
    after: str


@dataclass(frozen=True)
class WorkPlanItem(_Json):
    """A dialogue partner whose latest work plan ends before the meeting's year."""

    partner: str
    latest: str  # the latest work plan's name
    latest_slug: str
    latest_year: int | None
    status: str
    renewal_year: int  # the year of the plan the meeting would be expected to take up


@dataclass(frozen=True)
class CountryNotes(_Json):
    member_state: str
    notes: list[Update]


@dataclass(frozen=True)
class Filters(_Json):
    """What the pack was narrowed to; empty means everything."""

    kinds: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # desired-outcome codes
    partner: str = ""  # partner slug
    lead_body: str = ""  # partner slug
    only_changed: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.kinds or self.outcomes or self.partner or self.lead_body or self.only_changed
        )


# ---------------------------------------------------------------------------------------------
# The pack
# ---------------------------------------------------------------------------------------------
# The sections every output shows, in order, with their headings.
SECTIONS = (
    ("changes", "What changed at the last meeting"),
    ("initiatives", "Initiatives in scope"),
    ("due", "Expected deliverables due or overdue"),
    ("silent", "Silent for two meetings or more"),
    ("countries", "Member-state country notes"),
    ("work_plans", "Partner work plans due for renewal"),
)
SECTION_TITLES = dict(SECTIONS)


@dataclass(frozen=True)
class BriefingPack(_Json):
    meeting: MeetingRef
    last_meeting: MeetingRef | None
    as_on: date  # the eve of the meeting (or today, for a meeting not yet dated)
    generated_at: datetime
    filters: Filters
    changes: list[ChangeItem]
    initiatives: list[InitiativeBrief]
    countries: list[CountryNotes]
    work_plans: list[WorkPlanItem]
    version: int = CONTENT_VERSION

    @property
    def due(self) -> list[InitiativeBrief]:
        """Initiatives with a next step expected before the meeting, the overdue first."""
        items = [i for i in self.initiatives if i.due]
        return sorted(items, key=lambda i: (i.expected_date or date.max, i.name.casefold()))

    @property
    def silent(self) -> list[InitiativeBrief]:
        items = [i for i in self.initiatives if i.silent_meetings >= 2]
        return sorted(items, key=lambda i: (-i.silent_meetings, i.name.casefold()))

    def to_json(self) -> dict:
        # The version first, and the derived sections (by slug) after the initiatives they
        # are drawn from, for a reader of the JSON alone.
        data = {"version": self.version}
        for name, value in super().to_json().items():
            data[name] = value
            if name == "initiatives":
                data["due"] = [i.slug for i in self.due]
                data["silent"] = [i.slug for i in self.silent]
        return data

    @classmethod
    def from_json(cls, data: dict) -> BriefingPack:
        if data.get("version") != CONTENT_VERSION:
            raise UnknownVersion(
                f"Briefing content version {data.get('version')!r}; this code reads "
                f"version {CONTENT_VERSION}."
            )
        return super().from_json(data)
