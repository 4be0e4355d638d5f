"""The briefing pack as a typed tree: what the page, the Word and PDF files and the API all show.

The selector (briefings.selectors.briefing_pack) builds one `BriefingPack`; every output reads
the same tree, so the page, the files and the JSON cannot disagree. The tree is plain data with
an explicit JSON form (`to_json` / `from_json`), versioned by CONTENT_VERSION: a build stores the
JSON it was made from, and a reader refuses a version it does not know rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

CONTENT_VERSION = 1


class UnknownVersion(ValueError):
    """The JSON was written by a version of the pack this code does not read."""


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# ---------------------------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingRef:
    slug: str
    name: str  # "7th ADGMIN"
    title: str
    when: str  # dates as people read them
    start_date: date | None
    is_planned: bool
    venue: str
    url: str

    def to_json(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "title": self.title,
            "when": self.when,
            "start_date": _day(self.start_date),
            "is_planned": self.is_planned,
            "venue": self.venue,
            "url": self.url,
        }

    @classmethod
    def from_json(cls, data: dict) -> MeetingRef:
        return cls(
            slug=data["slug"],
            name=data["name"],
            title=data["title"],
            when=data["when"],
            start_date=_parse_day(data["start_date"]),
            is_planned=data["is_planned"],
            venue=data["venue"],
            url=data["url"],
        )


@dataclass(frozen=True)
class LastWords:
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

    def to_json(self) -> dict:
        return {
            "meeting": self.meeting,
            "meeting_date": _day(self.meeting_date),
            "evidence": self.evidence,
            "phrase": self.phrase,
            "status": self.status,
            "quotation": self.quotation,
            "paragraph": self.paragraph,
            "link": self.link,
            "source_url": self.source_url,
            "publisher": self.publisher,
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, data: dict) -> LastWords:
        return cls(
            meeting=data["meeting"],
            meeting_date=_parse_day(data["meeting_date"]),
            evidence=data["evidence"],
            phrase=data["phrase"],
            status=data["status"],
            quotation=data["quotation"],
            paragraph=data["paragraph"],
            link=data["link"],
            source_url=data["source_url"],
            publisher=data["publisher"],
            confidence=data["confidence"],
        )


@dataclass(frozen=True)
class Update:
    """An officer's progress update, or a member state's country note (`member_state` set)."""

    date: date
    status: str
    percent_complete: int | None
    summary: str
    evidence_url: str
    member_state: str = ""
    initiative: str = ""  # the initiative's name, for the country-notes section
    initiative_slug: str = ""

    def to_json(self) -> dict:
        return {
            "date": _day(self.date),
            "status": self.status,
            "percent_complete": self.percent_complete,
            "summary": self.summary,
            "evidence_url": self.evidence_url,
            "member_state": self.member_state,
            "initiative": self.initiative,
            "initiative_slug": self.initiative_slug,
        }

    @classmethod
    def from_json(cls, data: dict) -> Update:
        return cls(
            date=_parse_day(data["date"]),
            status=data["status"],
            percent_complete=data["percent_complete"],
            summary=data["summary"],
            evidence_url=data["evidence_url"],
            member_state=data["member_state"],
            initiative=data["initiative"],
            initiative_slug=data["initiative_slug"],
        )


@dataclass(frozen=True)
class InitiativeBrief:
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

    def to_json(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "acronym": self.acronym,
            "kind": self.kind,
            "url": self.url,
            "lead_body": self.lead_body,
            "partners": list(self.partners),
            "outcomes": list(self.outcomes),
            "status": self.status,
            "status_label": self.status_label,
            "status_since": _day(self.status_since),
            "last_words": self.last_words.to_json() if self.last_words else None,
            "updates": [u.to_json() for u in self.updates],
            "expected_text": self.expected_text,
            "expected_date": _day(self.expected_date),
            "due": self.due,
            "silent_meetings": self.silent_meetings,
            "change": self.change,
            "section": self.section,
        }

    @classmethod
    def from_json(cls, data: dict) -> InitiativeBrief:
        last = data["last_words"]
        return cls(
            slug=data["slug"],
            name=data["name"],
            acronym=data["acronym"],
            kind=data["kind"],
            url=data["url"],
            lead_body=data["lead_body"],
            partners=list(data["partners"]),
            outcomes=list(data["outcomes"]),
            status=data["status"],
            status_label=data["status_label"],
            status_since=_parse_day(data["status_since"]),
            last_words=LastWords.from_json(last) if last else None,
            updates=[Update.from_json(u) for u in data["updates"]],
            expected_text=data["expected_text"],
            expected_date=_parse_day(data["expected_date"]),
            due=data["due"],
            silent_meetings=data["silent_meetings"],
            change=data["change"],
            section=data["section"],
        )


@dataclass(frozen=True)
class ChangeItem:
    """One initiative's move at the last meeting against the one before it."""

    slug: str
    name: str
    url: str
    kind: str  # new / advanced / regressed / silent / unchanged
    before: str
    after: str

    def to_json(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "url": self.url,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }

    @classmethod
    def from_json(cls, data: dict) -> ChangeItem:
        return cls(
            slug=data["slug"],
            name=data["name"],
            url=data["url"],
            kind=data["kind"],
            before=data["before"],
            after=data["after"],
        )


@dataclass(frozen=True)
class WorkPlanItem:
    """A dialogue partner whose latest work plan ends before the meeting's year."""

    partner: str
    latest: str  # the latest work plan's name
    latest_slug: str
    latest_year: int | None
    status: str
    renewal_year: int  # the year of the plan the meeting would be expected to take up

    def to_json(self) -> dict:
        return {
            "partner": self.partner,
            "latest": self.latest,
            "latest_slug": self.latest_slug,
            "latest_year": self.latest_year,
            "status": self.status,
            "renewal_year": self.renewal_year,
        }

    @classmethod
    def from_json(cls, data: dict) -> WorkPlanItem:
        return cls(
            partner=data["partner"],
            latest=data["latest"],
            latest_slug=data["latest_slug"],
            latest_year=data["latest_year"],
            status=data["status"],
            renewal_year=data["renewal_year"],
        )


@dataclass(frozen=True)
class CountryNotes:
    member_state: str
    notes: list[Update]

    def to_json(self) -> dict:
        return {"member_state": self.member_state, "notes": [n.to_json() for n in self.notes]}

    @classmethod
    def from_json(cls, data: dict) -> CountryNotes:
        return cls(data["member_state"], [Update.from_json(n) for n in data["notes"]])


@dataclass(frozen=True)
class Filters:
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

    def to_json(self) -> dict:
        return {
            "kinds": list(self.kinds),
            "outcomes": list(self.outcomes),
            "partner": self.partner,
            "lead_body": self.lead_body,
            "only_changed": self.only_changed,
        }

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        return cls(
            kinds=list(data.get("kinds", [])),
            outcomes=list(data.get("outcomes", [])),
            partner=data.get("partner", ""),
            lead_body=data.get("lead_body", ""),
            only_changed=bool(data.get("only_changed", False)),
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
class BriefingPack:
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
        return {
            "version": self.version,
            "meeting": self.meeting.to_json(),
            "last_meeting": self.last_meeting.to_json() if self.last_meeting else None,
            "as_on": _day(self.as_on),
            "generated_at": self.generated_at.isoformat(),
            "filters": self.filters.to_json(),
            "changes": [c.to_json() for c in self.changes],
            "initiatives": [i.to_json() for i in self.initiatives],
            "due": [i.slug for i in self.due],
            "silent": [i.slug for i in self.silent],
            "countries": [c.to_json() for c in self.countries],
            "work_plans": [w.to_json() for w in self.work_plans],
        }

    @classmethod
    def from_json(cls, data: dict) -> BriefingPack:
        if data.get("version") != CONTENT_VERSION:
            raise UnknownVersion(
                f"Briefing content version {data.get('version')!r}; this code reads "
                f"version {CONTENT_VERSION}."
            )
        last = data["last_meeting"]
        return cls(
            meeting=MeetingRef.from_json(data["meeting"]),
            last_meeting=MeetingRef.from_json(last) if last else None,
            as_on=_parse_day(data["as_on"]),
            generated_at=datetime.fromisoformat(data["generated_at"]),
            filters=Filters.from_json(data["filters"]),
            changes=[ChangeItem.from_json(c) for c in data["changes"]],
            initiatives=[InitiativeBrief.from_json(i) for i in data["initiatives"]],
            countries=[CountryNotes.from_json(c) for c in data["countries"]],
            work_plans=[WorkPlanItem.from_json(w) for w in data["work_plans"]],
            version=data["version"],
        )
