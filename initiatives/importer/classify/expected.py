"""Reader 5, the expected date: the words of expectation in the mention's clause ("in early
2023", "by mid-2026"), never a period or a date before the meeting, or the announced date of
the meeting it is tied to ("to be presented at the next ADGMIN")."""

from __future__ import annotations

import re
from datetime import date

from ..dates import iter_expected
from .context import Context
from .ends import ENDS
from .rules import MASK, Classification, NextMeeting
from .verb import VERB

# After the next verb, words that come straight back to the mention: "... and looked forward
# to its conclusion", "... and looked forward to the conclusion of the negotiations in 2025".
PRONOUN_BACK = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:its|their|it|them)\b"
    r"|\s+to\s+the\s+(?:\w+\s+){0,2}?\w+\s+of\s+the\s+(?:negotiations?|study|review|process)\b",
    re.I,
)


# An expectation tied to a meeting rather than a date: "to be presented at the next ADGMIN".
AT_NEXT_MEETING = re.compile(
    r"\b(?:at|by|before|to|for|during|in time for)\s+the\s+"
    r"(?:next|upcoming|forthcoming|(?P<number>\d{1,2})(?:st|nd|rd|th))\s+"
    r"(?:ADGMIN|ADGSOM|(?i:meeting)|ministerial meeting|(?:[A-Z][\w'’+-]*\s+){1,6}Meeting)\b"
)


# A verb form after these still speaks of the mention: "..., to be reviewed at", "X will be
# launched at the next ADGMIN", "X, which was endorsed in 2023".
AUXILIARY_BEFORE = re.compile(
    r"\b(?:to|be|been|being|will|would|shall|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I
)


def expectation_clause(ctx: Context, described: re.Match | None) -> str:
    """The words after the mention that belong to its clause: up to the next name, a semicolon
    or the next action verb ("... and tasked ADGSOM to review it by 2025"), unless that verb
    comes straight back to the mention ("... and looked forward to its conclusion by"). A
    clause describing the mention is its own ("..., to be launched in 2024")."""
    after = ctx.after
    limit = len(after)
    next_verb = VERB.search(after, described.end(1) if described else 0)
    while next_verb and AUXILIARY_BEFORE.search(after[: next_verb.start()]):
        # "..., to be reviewed at the next meeting": an infinitive still speaks of the mention.
        next_verb = VERB.search(after, next_verb.end())
    if next_verb and PRONOUN_BACK.match(after, next_verb.end()):
        next_verb = None
    for stop in (after.find(MASK), after.find(";"), next_verb.start() if next_verb else -1):
        if stop >= 0:
            limit = min(limit, stop)
    return after[:limit]


def expected_reading(
    clause: str,
    result: Classification,
    not_before: date | None,
    next_meeting: NextMeeting | None,
) -> None:
    """The first expectation in `clause` that is neither a period nor history."""
    for expected in iter_expected(clause):
        # A period ("2026-2030", "for 2026-2030") is the initiative's span, never a due date.
        if expected.is_period:
            continue
        # "launched in September 2023 ... by 2025": a date before the meeting is history.
        past = not_before is not None and expected.date.year < not_before.year
        done = result.status in ("adopted", "completed") or result.status in ENDS
        if not past and not done:
            result.expected_text, result.expected_date = expected.text, expected.date
            result.expected_precision = expected.precision
            break
    if not result.expected_text and result.status not in ("adopted", "completed", *ENDS):
        _at_meeting(clause, result, next_meeting)


def _at_meeting(clause: str, result: Classification, next_meeting: NextMeeting | None) -> None:
    """ "to be presented at the next ADGMIN": the date of that meeting as announced."""
    at_meeting = AT_NEXT_MEETING.search(clause)
    if not at_meeting:
        return
    result.expected_text = " ".join(at_meeting.group(0).split())[:100]
    number = at_meeting.group("number")
    if (
        next_meeting is not None
        and next_meeting.date is not None
        and (number is None or next_meeting.number == int(number))
    ):
        result.expected_text = f"{result.expected_text} ({next_meeting.words})"[:100]
        result.expected_date = next_meeting.date
        result.expected_precision = next_meeting.precision
