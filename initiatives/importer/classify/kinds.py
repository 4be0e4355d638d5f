"""What the kind of the thing named adds to the words said of it (reports received are
delivered; a work plan of a year already over has run its course)."""

from __future__ import annotations

import re

from .ends import STILL_AHEAD
from .rules import Classification

# A report or study that the ministers note, receive or endorse has been delivered: "noted the
# Report on Online Scams Activities 2023-2024", "endorsed the DEFA Study" (the agreement it
# studies is another initiative).
DELIVERED_HEAD = re.compile(r"^(?:Reports?|Study|Studies|Survey|Stocktak\w*|Findings)$")


NAME_PREPOSITION = re.compile(r"\s(?:of|on|for|to|in|between|with|about|under)\s")


RECEIVING_VERB = re.compile(
    r"^(?:noted|not(?:ing|es)|t(?:ook|akes?) note|acknowledg\w*|welcom\w*|endors\w*|approv\w*|"
    r"adopt\w*|receiv\w*|consider\w*|commend\w*|appreciat\w*|recogni[sz]\w*|"
    r"(?:was|were|has been|have been) (?:presented|submitted|tabled|published|released))\b",
    re.I,
)


YEAR_IN_NAME = re.compile(r"\b((?:19|20)\d{2})\b")


def _head_word(name: str) -> str:
    """The head noun of a title: "Report" in "Report on Online Scams (2023-2024)", "Guide" in
    "Joint Mapping Guide to ASEAN MCCs"."""
    head = NAME_PREPOSITION.split(re.sub(r"\([^()]*\)", " ", name), maxsplit=1)[0]
    words = [w for w in head.split() if not re.fullmatch(r"[\d–-]+", w)]
    return words[-1] if words else ""


def by_kind(result: Classification, *, name: str, kind: str, meeting_year: int | None):
    """What the kind of the thing named adds to the words said of it.

    - a report or study the ministers note, acknowledge or endorse is delivered: *completed*;
    - the work plan (or deliverables) of a year already over when the meeting is held has run
      its course: approving or noting it is *completed* ("approved the ADGSOM-ATRC Key
      Deliverables 2024" in January 2025).
    """
    phrase = result.phrase or ""
    if (
        result.status in ("", "adopted")
        and DELIVERED_HEAD.match(_head_word(name))
        and RECEIVING_VERB.match(phrase)
        and not STILL_AHEAD.search(phrase)
    ):
        result.status, result.rule = "completed", "a report or study received is delivered"
    years = {int(y) for y in YEAR_IN_NAME.findall(name)}
    if (
        kind == "work_plan"
        and meeting_year is not None
        and len(years) == 1
        and max(years) < meeting_year
        and result.status in ("adopted", "implementing")
        and not STILL_AHEAD.search(phrase)
    ):
        result.status, result.rule = "completed", "the work plan of a year already over"
    return result
