"""Who chaired a meeting, and who was vice-chair or co-chair, with their countries: "X,
Minister of ..., chaired the Meeting with Y ... of Singapore as the Vice-Chair", "The Meeting
was chaired by X and vice-chaired by Y", "co-chaired by X and H.E. Y". Countries are the
catalogue's partners, so "the Philippines" and "Viet Nam" need no special case."""

from __future__ import annotations

import re

from .classify import sentence_spans
from .matcher import PARTNER, Entry, Matcher
from .rows import Person

HONORIFIC = re.compile(
    r"^(?:(?:by|with|and)\s+)?(?:(?:His|Her)\s+(?:Excellency|Royal Highness)|H\.\s?E\.?|"
    r"The\s+Honou?rable|Hon\.?|Yang\s+Berhormat|YB|Dato'?\s+Sri|Datuk\s+Seri)\s+",
    re.I,
)


VICE = r"(?:Vice[- ]?Chair(?:man|person)?|Co-?Chair)"


CHAIRED_THE_MEETING = re.compile(
    rf"^(?P<chair>.+?)\s+chaired the Meeting"
    rf"(?:\s+with\s+(?P<vice>.+?)\s+as\s+(?:the\s+)?{VICE})?",
    re.I,
)


CHAIRED_BY = re.compile(
    r"\b(?:chaired by|under the (?:chair(?:man|woman|person)?ship|chair) of)\s+(?P<chair>.+?)"
    r"(?:,?\s+and\s+(?:was\s+)?(?:vice[- ]chaired|co-?chaired)\s+by\s+(?P<vice>.+?)"
    rf"|,?\s+with\s+(?P<vice2>.+?)\s+as\s+(?:the\s+)?{VICE})?\s*[.;]?$",
    re.I,
)


# "... Y, Minister of ..., was the Vice-Chair", "with Y as Vice-Chair", "Y vice-chaired the
# Meeting": what stands before these words, back to where Y's name begins (see _vice_before).
AS_VICE_CHAIR = re.compile(
    rf"\s+(?:as|was|served as|acted as|is)\s+(?:the\s+)?{VICE}\b"
    r"|\s+(?:vice[- ]?chaired|co-?chaired)\s+the\s+Meeting\b",
    re.I,
)


# Where the vice-chair's name begins: after the chair's clause or a "with" / "while".
VICE_START = re.compile(
    r"(?:^|\bchaired the Meeting\s*,?\s*(?:and|while|with)\s+|\bwith\s+|\bwhile\s+|;\s*)",
    re.I,
)


# "co-chaired by X and Y": the second person starts with a title of address.
PERSON_START = (
    r"(?:(?:His|Her)\s+(?:Excellency|Royal Highness)\b|H\.\s?E\.|The\s+Honou?rable\b|Hon\.|"
    r"(?:Mr|Mrs|Ms|Madam|Dr|Prof|Datuk|Dato'?|Pehin|Tan Sri)\b)"
)


CO_CHAIRED = re.compile(
    rf"\bco-?chaired by\s+(?P<chair>.+?)\s+and\s+(?P<vice>{PERSON_START}.+?)\s*[.;]?$", re.I
)


def partners_in(text: str, matcher: Matcher, category: str | None = None) -> list[Entry]:
    return [
        m.entry
        for m in matcher.find(text)
        if m.entry.kind == PARTNER and (category is None or m.entry.category == category)
    ]


def _person(clause: str, matcher: Matcher) -> Person:
    clause = " ".join(clause.split()).strip(" ,.;")
    clause = HONORIFIC.sub("", clause)
    clause = re.sub(r"^(?:by|with)\s+", "", clause, flags=re.I)
    clause = HONORIFIC.sub("", clause)
    person = Person()
    countries = partners_in(clause, matcher, "member_state") or partners_in(clause, matcher)
    if countries:
        person.country_id, person.country = countries[-1].id, countries[-1].name
    parts = [p.strip() for p in clause.split(",")]
    person.name = parts[0]
    title = ", ".join(parts[1:])
    if person.country:
        for spelling in sorted(countries[-1].names, key=len, reverse=True):
            title = re.sub(rf"(?:,?\s+of|,)\s+(?:the\s+)?{re.escape(spelling)}\s*$", "", title)
    person.title = title.strip(" ,")
    if person.country and not person.title:  # "Ms C. Pham of Viet Nam"
        for spelling in sorted(countries[-1].names, key=len, reverse=True):
            person.name = re.sub(
                rf"(?:,?\s+of|,)\s+(?:the\s+)?{re.escape(spelling)}\s*$", "", person.name
            )
    if len(person.name.split()) > 8:
        person.name, person.title = "", clause
    return person


def _vice_before(sentence: str) -> str:
    """The words naming the vice-chair in a sentence that calls someone the Vice-Chair."""
    m = AS_VICE_CHAIR.search(sentence)
    if m is None:
        return ""
    before = sentence[: m.start()]
    start = max(b.end() for b in VICE_START.finditer(before))
    return before[start:]


def read_chairs(texts: list[str], matcher: Matcher) -> tuple[Person, Person]:
    """Chair and vice-chair, from the first text that names either; the vice-chair may be
    named in the same sentence as the chair or in one after it."""
    chair, vice = Person(), Person()
    for text in texts:
        for s, e in sentence_spans(text):
            sentence = text[s:e]
            if not chair.name:
                m = CO_CHAIRED.search(sentence)
                if m:
                    chair = _person(m.group("chair"), matcher)
                    vice = vice if vice.name else _person(m.group("vice"), matcher)
                    continue
                m = CHAIRED_THE_MEETING.search(sentence)
                if m and not re.match(r"(?i)the meeting\b", m.group("chair")):
                    chair = _person(m.group("chair"), matcher)
                    if m.group("vice") and not vice.name:
                        vice = _person(m.group("vice"), matcher)
                else:
                    m = CHAIRED_BY.search(sentence)
                    if m:
                        chair = _person(m.group("chair"), matcher)
                        if (m.group("vice") or m.group("vice2")) and not vice.name:
                            vice = _person(m.group("vice") or m.group("vice2"), matcher)
            if not vice.name:
                named = _vice_before(sentence)
                if named:
                    vice = _person(named, matcher)
        if chair.name or vice.name:
            break
    return chair, vice
