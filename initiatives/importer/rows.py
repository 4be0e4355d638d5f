"""The rows of a proposal (proposal.py): the meeting, the people, planned meetings, the
candidates with the officer's decision, the mentions and their targets, the meeting's values,
and what is stored of it. Each converts itself to and from the JSON stored on the import job;
dates are `date` objects here and ISO strings in JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar, Self

from tracker.text import ordinal

from .matcher import CANDIDATE, INITIATIVE, Entry

ACCEPT, MERGE, REJECT = "accept", "merge", "reject"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def known_fields(cls, data: dict) -> dict:
    """The keys of `data` that are fields of `cls` (a stored row may carry more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in (data or {}).items() if k in names}


class JsonRow:
    """to_json / from_json of a dataclass row: its fields, the DATES as ISO strings; keys of a
    stored row that are no longer fields are dropped."""

    DATES: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data.update({name: _iso(getattr(self, name)) for name in self.DATES})
        return data

    @classmethod
    def from_json(cls, data: dict) -> Self:
        values = known_fields(cls, data)
        values.update({name: _date(values.get(name)) for name in cls.DATES})
        return cls(**cls._nested(values))

    @classmethod
    def _nested(cls, values: dict) -> dict:
        """Rows held inside this one, made from their JSON (none unless a row says so)."""
        return values


# ----------------------------------------------------------------------------------------------
# What the statement says
# ----------------------------------------------------------------------------------------------


@dataclass
class Person:
    name: str = ""
    title: str = ""
    country_id: int | None = None
    country: str = ""


@dataclass
class MeetingInfo(JsonRow):
    """The meeting the statement is from, as its header says it."""

    DATES = ("start_date", "end_date")

    series: str = ""
    number: int | None = None
    title: str = ""
    start_date: date | None = None
    end_date: date | None = None
    date_text: str = ""
    venue: str = ""
    host_id: int | None = None
    host: str = ""
    chair: Person = field(default_factory=Person)
    vice_chair: Person = field(default_factory=Person)
    theme: str = ""
    declaration: str = ""
    number_inferred: bool = False  # the statement names no ordinal (compare.py numbers it)

    @property
    def short_name(self) -> str:
        return f"{ordinal(self.number)} {self.series}" if self.number else self.series

    @classmethod
    def _nested(cls, values: dict) -> dict:
        values["chair"] = Person(**known_fields(Person, values.get("chair")))
        values["vice_chair"] = Person(**known_fields(Person, values.get("vice_chair")))
        return values


@dataclass
class PlannedMeeting(JsonRow):
    """A meeting the statement announces for later."""

    DATES = ("start_date",)

    series: str
    number: int
    title: str = ""
    venue: str = ""
    host_id: int | None = None
    host: str = ""
    date_text: str = ""
    start_date: date | None = None
    paragraph: int | None = None


@dataclass
class Candidate(JsonRow):
    """A proposed new initiative, with the officer's decision: accept, merge or reject."""

    key: str
    name: str
    kind: str = ""
    acronym: str = ""
    paragraph: int | None = None
    partner_ids: list[int] = field(default_factory=list)
    work_plan_partner_id: int | None = None
    work_plan_year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    suggested_merge_id: int | None = None
    suggested_merge_name: str = ""
    merge_reason: str = ""
    action: str = ACCEPT
    merge_into: int | None = None
    merge_into_name: str = ""

    def entry(self) -> Entry:
        return Entry(
            kind=CANDIDATE,
            id=self.key,
            name=self.name,
            names=(self.name,),
            acronym=self.acronym,
            category=self.kind,
        )

    def suggest(self) -> None:
        """The decision the review starts from: merge when a merge is suggested."""
        self.action = MERGE if self.suggested_merge_id else ACCEPT
        self.merge_into, self.merge_into_name = self.suggested_merge_id, self.suggested_merge_name


@dataclass
class Target(JsonRow):
    """What a mention names: a known initiative (`id`) or a candidate (`key`)."""

    type: str
    name: str = ""
    id: int | None = None
    key: str | None = None

    @property
    def known(self) -> bool:
        return self.type == INITIATIVE

    def to_json(self) -> dict:
        if self.known:
            return {"type": self.type, "id": self.id, "name": self.name}
        return {"type": self.type, "key": self.key, "name": self.name}


@dataclass
class Mention:
    """One initiative or candidate named in one paragraph, and what was said of it there."""

    key: str
    paragraph: int
    target: Target
    spans: list[list[int]] = field(default_factory=list)
    matched_text: str = ""
    phrase: str = ""
    status: str = ""
    expected_text: str = ""
    expected_date: date | None = None
    expected_precision: str = ""
    rule: str = ""
    keep: bool = True

    def to_json(self) -> dict:
        data = asdict(self)
        data["target"], data["expected_date"] = self.target.to_json(), _iso(self.expected_date)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Mention:
        values = known_fields(cls, data)
        values["target"] = Target.from_json(values["target"])
        values["expected_date"] = _date(values.get("expected_date"))
        return cls(**values)


# ----------------------------------------------------------------------------------------------
# What the tracker holds, and the officer's decisions on the meeting
# ----------------------------------------------------------------------------------------------


@dataclass
class MeetingValues(JsonRow):
    """The meeting as it will be saved: the statement's header merged with what is stored,
    then corrected by the officer. Dates are ISO strings, as the review form gives them."""

    title: str = ""
    start_date: str | None = None
    end_date: str | None = None
    venue: str = ""
    host_id: int | None = None
    chair_name: str = ""
    chair_title: str = ""
    chair_country_id: int | None = None
    vice_chair_name: str = ""
    vice_chair_title: str = ""
    vice_chair_country_id: int | None = None
    theme: str = ""
    declaration: str = ""

    @classmethod
    def parsed(cls, meeting: MeetingInfo) -> MeetingValues:
        chair, vice = meeting.chair, meeting.vice_chair
        return cls(
            title=meeting.title or "",
            start_date=_iso(meeting.start_date),
            end_date=_iso(meeting.end_date),
            venue=meeting.venue or "",
            host_id=meeting.host_id,
            chair_name=chair.name or "",
            chair_title=(chair.title or "")[:300],
            chair_country_id=chair.country_id,
            vice_chair_name=vice.name or "",
            vice_chair_title=(vice.title or "")[:300],
            vice_chair_country_id=vice.country_id,
            theme=meeting.theme or "",
            declaration=meeting.declaration or "",
        )

    def corrected(self, edits: dict) -> MeetingValues:
        return MeetingValues.from_json({**self.to_json(), **edits})


@dataclass
class Source:
    filename: str = ""
    format: str = ""
    encoding: str = ""
    size: int = 0
    checksum: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class StatementInfo(JsonRow):
    DATES = ("issued_on",)

    text: str
    title: str = ""
    kind: str = "joint_media_statement"
    issued_on: date | None = None
    source_url: str = ""


@dataclass
class ExistingMeeting:
    """The stored meeting of the same series and number, and where the statement differs."""

    id: int
    slug: str
    is_planned: bool
    differences: dict[str, dict] = field(default_factory=dict)


@dataclass
class Duplicate:
    """The stored statement this one repeats: confirming changes nothing."""

    statement_id: int
    meeting: str
    meeting_url: str
    message: str


@dataclass
class Replacement:
    """The stored statement this one corrects, with its paragraph changes."""

    statement_id: int
    diff: list[dict] = field(default_factory=list)
