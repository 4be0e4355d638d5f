"""A first draft of the next joint media statement: one numbered paragraph per initiative with
something to report, in the statements' own register and usual sections.

The verb for each status is taken from the same status rules the importer reads
(StatusRule, through initiatives.importer): of the phrases the statements use for a status, the
first that the rules read back as that status is written. So importing the draft back proposes
the statuses it was written from (tests/briefings/test_skeleton.py proves it through the
importer's pipeline), and an admin who retunes the rules changes the drafts with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from initiatives.choices import Status
from initiatives.importer.classify import Rule, apply_rules
from initiatives.status import ENDS, status_label
from tracker.text import ordinal

from .content import BriefingPack, InitiativeBrief

# The phrases statements use for each status, most usual first. "{when}" is the year or the
# expected date of the next step.
VOCABULARY: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: ("agreed to explore", "encouraged the development of"),
    Status.PREPARING: (
        "looked forward to the completion of",
        "looked forward to the adoption of",
        "welcomed the development of",
    ),
    Status.ADOPTED: ("welcomed the endorsement of", "endorsed", "welcomed the adoption of"),
    Status.IMPLEMENTING: (
        "welcomed the progress in the implementation of",
        "welcomed the on-going implementation of",
        "welcomed the progress of",
    ),
    Status.COMPLETED: ("noted the completion of", "welcomed the completion of"),
    Status.SUPERSEDED: ("noted that a successor replaced",),
}
# Statuses the statements take a date with: "looked forward to ... in 2027".
DATED = {Status.PREPARING}

OWN, PARTNERS, NEXT, THANKS = "own", "partners", "next", "thanks"
SECTION_TITLES = {
    OWN: "ASEAN Digital Cooperation",
    PARTNERS: "Digital Cooperation with Dialogue and Development Partners",
    NEXT: "Next Meeting",
    THANKS: "Acknowledgement",
}


@dataclass(frozen=True)
class DraftParagraph:
    number: int
    section: str  # OWN, PARTNERS, NEXT, THANKS
    text: str
    initiative: str = ""  # slug, for the paragraphs about an initiative
    status: str = ""  # the status the paragraph was written from


@dataclass(frozen=True)
class Skipped:
    slug: str
    name: str
    reason: str


@dataclass(frozen=True)
class Skeleton:
    title: str
    opening: str
    paragraphs: list[DraftParagraph]
    skipped: list[Skipped]

    def sections(self) -> list[tuple[str, list[DraftParagraph]]]:
        """(section title, its paragraphs) in statement order, empty sections left out."""
        out = []
        for key, title in SECTION_TITLES.items():
            rows = [p for p in self.paragraphs if p.section == key]
            if rows:
                out.append((title, rows))
        return out

    def as_text(self) -> str:
        """The draft as a statement file: front matter, numbered paragraphs, bold headings."""
        lines = ["---", f"title: {self.title}", "---", "*Joint Media Statement*", ""]
        lines += [f"1. {self.opening}", ""]
        for title, rows in self.sections():
            lines += [f"**{title}**", ""]
            for paragraph in rows:
                lines += [f"{paragraph.number}. {paragraph.text}", ""]
        return "\n".join(lines).rstrip() + "\n"


def verb_for(status: str, rules: list[Rule]) -> str | None:
    """The first phrase of VOCABULARY[status] that the status rules read back as `status`."""
    for phrase in VOCABULARY.get(status, ()):
        rule = apply_rules(phrase, rules)
        if rule is not None and rule.status == status:
            return phrase
    return None


def has_news(brief: InitiativeBrief, last_meeting_day) -> bool:
    """Something to report: progress since the last meeting, a step due, a status reached
    since, or a word at the last meeting about something still under way."""
    reached_since = (
        brief.status_since is not None
        and last_meeting_day is not None
        and brief.status_since >= last_meeting_day
    )
    if brief.status in ENDS:
        return reached_since or bool(brief.updates)
    return bool(
        brief.updates
        or brief.due
        or reached_since
        or brief.change in ("new", "returned", "advanced", "regressed", "unchanged")
    )


def statement_skeleton(pack: BriefingPack, rules: list[Rule]) -> Skeleton:
    meeting = pack.meeting
    year = meeting.start_date.year if meeting.start_date else pack.as_on.year
    last_day = pack.last_meeting.start_date if pack.last_meeting else None
    number = 1  # paragraph 1 opens the statement
    paragraphs: list[DraftParagraph] = []
    skipped: list[Skipped] = []
    for section in (OWN, PARTNERS):
        for brief in pack.initiatives:
            if brief.section != section or not has_news(brief, last_day):
                continue
            phrase = verb_for(brief.status, rules)
            if phrase is None:
                label = status_label(brief.status)
                skipped.append(
                    Skipped(brief.slug, brief.name, f"{label}: no statement phrase says it")
                )
                continue
            number += 1
            text = f"The Meeting {phrase} the {brief.label}"
            if brief.status in DATED:
                when = year
                if brief.expected_date and brief.expected_date.year >= year:
                    when = brief.expected_date.year
                text += f" in {when}"
            paragraphs.append(DraftParagraph(number, section, text + ".", brief.slug, brief.status))
    series, n = _series_and_number(meeting.name)
    paragraphs.append(
        DraftParagraph(
            number + 1,
            NEXT,
            f"The Meeting agreed to convene the {ordinal(n + 1)} {series} and Related Meetings "
            f"in {year + 1}.",
        )
    )
    paragraphs.append(
        DraftParagraph(
            number + 2,
            THANKS,
            "The Meeting expressed appreciation to the host for the warm hospitality and the "
            "excellent arrangements made for the Meeting.",
        )
    )
    venue = f" in {meeting.venue}" if meeting.venue else ""
    when = ""
    if meeting.when:
        when = f" on {meeting.when}" if meeting.when[:1].isdigit() else f" in {meeting.when}"
    return Skeleton(
        title=f"The {meeting.name} and Related Meetings",
        opening=f"The {meeting.name} was held{venue}{when}.",
        paragraphs=paragraphs,
        skipped=skipped,
    )


def _series_and_number(name: str) -> tuple[str, int]:
    """("ADGMIN", 7) from "7th ADGMIN"."""
    head, _, series = name.partition(" ")
    digits = "".join(ch for ch in head if ch.isdigit())
    return series, int(digits or 0)
