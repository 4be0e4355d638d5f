"""The importer's contract: the proposal, typed.

A proposal is what the pipeline reads from a statement (the meeting, its paragraphs, the names
found and what was said of each), what the tracker already holds of it (compare.py), and the
officer's decisions (the meeting's values, each mention kept or not with its status and
expected words, each candidate accepted, merged or rejected). Every stage, the review screen,
the command's `--json` and the confirmation read these classes, never string keys.

It is stored as JSON on ImportJob.proposal: `to_json` writes the layout below with
`"version": PROPOSAL_VERSION`, `Proposal.from_json` reads it back, migrating version 1 (the
untyped dict of earlier releases, which could lack an expectation's precision, a candidate's
decision or a mention's `keep`) and refusing, with a message, anything without a version or
of a version it does not know.

    version, source, statement, meeting, sections, paragraphs, candidates, mentions,
    planned_meetings, warnings, meeting_values, existing_meeting, duplicate_of, replaces
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .errors import ImportRefused
from .rows import (
    ACCEPT,
    MERGE,
    REJECT,
    Candidate,
    Duplicate,
    ExistingMeeting,
    MeetingInfo,
    MeetingValues,
    Mention,
    Person,
    PlannedMeeting,
    Replacement,
    Source,
    StatementInfo,
    Target,
    known_fields,
)
from .splitter import ParsedParagraph

PROPOSAL_VERSION = 2

__all__ = [
    "ACCEPT",
    "MERGE",
    "PROPOSAL_VERSION",
    "REJECT",
    "Candidate",
    "Duplicate",
    "ExistingMeeting",
    "MeetingInfo",
    "MeetingValues",
    "Mention",
    "Person",
    "PlannedMeeting",
    "Proposal",
    "Replacement",
    "Source",
    "StatementInfo",
    "Target",
]


# ----------------------------------------------------------------------------------------------


@dataclass
class Proposal:
    source: Source
    statement: StatementInfo
    meeting: MeetingInfo
    sections: list[str] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    planned_meetings: list[PlannedMeeting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Filled by compare.py against the database, then corrected by the officer:
    meeting_values: MeetingValues | None = None
    existing_meeting: ExistingMeeting | None = None
    duplicate_of: Duplicate | None = None
    replaces: Replacement | None = None
    version: int = PROPOSAL_VERSION

    def values(self) -> MeetingValues:
        """The meeting as it will be saved (the parsed header until compare.py merges)."""
        return self.meeting_values or MeetingValues.parsed(self.meeting)

    def candidate(self, key: str | None) -> Candidate | None:
        return next((c for c in self.candidates if c.key == key), None)

    def to_json(self) -> dict:
        optional = (self.existing_meeting, self.duplicate_of, self.replaces)
        return {
            "version": PROPOSAL_VERSION,
            "source": asdict(self.source),
            "statement": self.statement.to_json(),
            "meeting": self.meeting.to_json(),
            "sections": list(self.sections),
            "paragraphs": [
                {"number": p.number, "section": p.section, "text": p.text} for p in self.paragraphs
            ],
            "candidates": [c.to_json() for c in self.candidates],
            "mentions": [m.to_json() for m in self.mentions],
            "planned_meetings": [p.to_json() for p in self.planned_meetings],
            "warnings": list(self.warnings),
            "meeting_values": self.meeting_values.to_json() if self.meeting_values else None,
            **{
                name: asdict(value) if value is not None else None
                for name, value in zip(
                    ("existing_meeting", "duplicate_of", "replaces"), optional, strict=True
                )
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Proposal:
        """Read a stored proposal; migrate version 1, refuse what cannot be read."""
        data = _upgrade(data)
        optional = {
            "existing_meeting": ExistingMeeting,
            "duplicate_of": Duplicate,
            "replaces": Replacement,
        }
        return cls(
            source=Source(**known_fields(Source, data["source"])),
            statement=StatementInfo.from_json(data["statement"]),
            meeting=MeetingInfo.from_json(data["meeting"]),
            sections=list(data.get("sections") or []),
            paragraphs=[
                ParsedParagraph(number=p["number"], text=p["text"], section=p.get("section", ""))
                for p in data["paragraphs"]
            ],
            candidates=[Candidate.from_json(c) for c in data.get("candidates") or []],
            mentions=[Mention.from_json(m) for m in data.get("mentions") or []],
            planned_meetings=[
                PlannedMeeting.from_json(p) for p in data.get("planned_meetings") or []
            ],
            warnings=list(data.get("warnings") or []),
            meeting_values=MeetingValues.from_json(data["meeting_values"])
            if data.get("meeting_values")
            else None,
            **{
                name: kind(**known_fields(kind, data[name])) if data.get(name) else None
                for name, kind in optional.items()
            },
        )


OUTDATED = (
    "This import was read by an older version of the importer, whose proposal can no longer be "
    "reviewed. Nothing was saved: discard it and upload the statement again."
)


def _upgrade(data: dict) -> dict:
    """A stored proposal in the current layout: version 1 is migrated, anything else refused."""
    version = data.get("version") if isinstance(data, dict) else None
    if version == PROPOSAL_VERSION:
        return data
    if version == 1 and all(k in data for k in ("source", "statement", "meeting", "paragraphs")):
        return _from_version_1(data)
    raise ImportRefused(ImportRefused.STALE, OUTDATED)


def _from_version_1(data: dict) -> dict:
    """Version 1 was written by hand as a dict: a mention could lack `keep` and its expected
    words' precision, a candidate its decision. Fill them as version 1's readers assumed."""
    from .dates import find_expected

    data = {**data, "version": PROPOSAL_VERSION}
    mentions = []
    for row in data.get("mentions") or []:
        row = {"keep": True, **row}
        if row.get("expected_text") and not row.get("expected_precision"):
            said = find_expected(f"in {row['expected_text']}")
            row["expected_precision"] = said.precision if said else ""
        mentions.append(row)
    candidates = []
    for row in data.get("candidates") or []:
        merge = row.get("suggested_merge_id")
        defaults = {"action": MERGE if merge else ACCEPT, "merge_into": merge}
        candidates.append({**defaults, **row})
    data["mentions"], data["candidates"] = mentions, candidates
    return data
