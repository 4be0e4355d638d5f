"""Stage 2b of the importer: which meeting a statement is from, and which meeting it announces.

The header is read from the first paragraphs and the title block: the ordinal and name of the
meeting ("3rd ASEAN Digital Ministers Meeting (ADGMIN)", "THE FOURTH ASEAN DIGITAL MINISTERS'
MEETING"), its dates, venue ("held in Boracay Island, Aklan, Philippines on ...", "held on ...
in Singapore", "1-2 FEBRUARY 2024, SINGAPORE"), the chair and vice-chair with their countries
("X, Minister of ..., chaired the Meeting with Y ... of Singapore as the Vice-Chair", "The Meeting
was chaired by X and vice-chaired by Y") and a stated theme. Countries are recognised through
the catalogue, so "the Philippines" and "Viet Nam" need no special case here.

The announced next meeting ("agreed to convene the 4th ADGMIN ... in Singapore in
January/February 2024", "The 5th ADGMIN will be held in Thailand in 2025") becomes a planned
meeting.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from tracker.text import ordinal

from .classify import sentence_spans
from .dates import MONTH, find_date_range, find_expected
from .errors import ImportRefused
from .matcher import PARTNER, Entry, Matcher
from .series import ADGMIN, SERIES_NAMES, series_for_title
from .splitter import SplitStatement

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
# Ordinals in any case ("4th", "FOURTH"); the meeting's name in capitalised words only, so that
# "the 4th ADGMIN and Related Meetings" is not read as a meeting called "ADGMIN and Related".
ORDINAL_RE = r"(?P<ord>(?i:\d{1,2}\s?(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r"))"
MEETING_NAME = re.compile(
    ORDINAL_RE
    + r"\s+(?P<name>(?:[A-Z][\w’'+-]*(?:\s+of)?\s+){0,7}?(?:Meeting|MEETING))(?:s|S)?\b"
    + r"(?:\s*\((?P<acr>[^()]{2,24})\))?"
)
MEETING_ACRONYM = re.compile(ORDINAL_RE + r"\s+(?P<acr>[A-Z]{3,}[A-Z0-9]*(?:\+[A-Z][A-Za-z]+)?)\b")
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
NEXT_TRIGGER = re.compile(
    r"\b(?:agreed to (?:convene|hold|meet)|(?:will|would|shall) (?:convene|be convened|meet|be held"
    r"|be hosted)|"
    r"to be (?:held|hosted|convened)|look(?:ed)? forward to (?:the )?(?:convening|holding|"
    r"meeting again|\d{1,2}(?:st|nd|rd|th)\s|next\s)|accepted the offer of|(?:will|to) host)\b",
    re.I,
)
THEME = re.compile(
    r"\btheme[d]?\s*(?:of\s+|:\s*|,\s*)?[\"“‘']\s*(?P<t>[^\"”’]{4,160}?)\s*[\"”’']", re.I
)
THEME_UNQUOTED = re.compile(r"\bunder the theme\s+(?:of\s+)?(?P<t>[A-Z][^.;\"”]{4,120})")
PLACE_WORD = r"[A-Z][\w’'.-]*"
PLACE = re.compile(
    rf"(?P<place>(?:the\s+)?{PLACE_WORD}(?:(?:\s+|,\s*)(?:{PLACE_WORD}|de|del|da|of))*)"
)


@dataclass
class Person:
    name: str = ""
    title: str = ""
    country_id: int | None = None
    country: str = ""


@dataclass
class MeetingInfo:
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

    @property
    def short_name(self) -> str:
        return f"{ordinal(self.number)} {self.series}" if self.number else self.series

    def as_dict(self) -> dict:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        data["end_date"] = self.end_date.isoformat() if self.end_date else None
        return data


@dataclass
class PlannedMeeting:
    series: str
    number: int
    title: str = ""
    venue: str = ""
    host_id: int | None = None
    host: str = ""
    date_text: str = ""
    start_date: date | None = None
    paragraph: int | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        return data


def _ordinal_number(text: str) -> int | None:
    text = text.strip().lower().replace(" ", "")
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


def _partners(text: str, matcher: Matcher, category: str | None = None) -> list[Entry]:
    return [
        m.entry
        for m in matcher.find(text)
        if m.entry.kind == PARTNER and (category is None or m.entry.category == category)
    ]


def _series(name: str, acronym: str, matcher: Matcher) -> tuple[str, str]:
    """(series code, full name): "ADGMIN" for "ASEAN Digital Ministers' Meeting", and
    "ADGMIN+Japan" for the "ASEAN-Japan Digital Ministers' Meeting"."""
    acronym = re.sub(r"^\s*" + ORDINAL_RE + r"\s+", "", acronym or "").strip()
    name = " ".join(name.split())
    known = series_for_title(f"{name} {acronym}".strip())
    if known and known.startswith(f"{ADGMIN}+"):
        # A related meeting with one dialogue partner is a series of its own.
        return known, SERIES_NAMES[known]
    partner_suffix = ""
    compound = re.match(r"(?i)ASEAN\s*[-–]\s*([A-Z][\w.]*)\s+(.*)", name)
    if compound:
        partner = _partners(compound.group(1), matcher)
        if partner:
            partner_suffix = f"+{partner[0].acronym or partner[0].name}"
            name = f"ASEAN {compound.group(2)}"
    body = next(
        (
            m.entry
            for m in matcher.find(name)
            if m.entry.kind == PARTNER and m.end - m.start >= len(name) - 2
        ),
        None,
    )
    if acronym and re.fullmatch(r"[A-Z][A-Z0-9+\-]{1,19}", acronym):
        code = acronym
    elif body is not None and body.acronym:
        code = body.acronym
    else:
        code = "".join(w[0] for w in re.findall(r"[A-Za-z][\w’']*", name) if w[0].isupper())
    full = body.name if body is not None else name
    return f"{code}{partner_suffix}", full


def _identify(texts: list[str], matcher: Matcher) -> tuple[str, int, str] | None:
    """(series, number, title) of the first meeting named in the texts, in order."""
    for text in texts:
        named = MEETING_NAME.search(text)
        # "the 4th ADGMIN and Related Meetings": a known body's acronym right after the ordinal
        # is the meeting, whatever capitalised words follow it. Only a known body's: "the 2nd
        # ASEAN-China Cyber Dialogue" is no meeting of a series called "ASEAN".
        short = next(
            (m for m in MEETING_ACRONYM.finditer(text) if _partners(m.group("acr"), matcher)),
            None,
        )
        if short is not None and (named is None or short.start() <= named.start()):
            number = _ordinal_number(short.group("ord"))
            series, full = _series(short.group("acr"), short.group("acr"), matcher)
            if number:
                return series, number, f"{ordinal(number)} {full}"
        if named:
            number = _ordinal_number(named.group("ord"))
            series, full = _series(named.group("name"), named.group("acr") or "", matcher)
            if number and series:
                return series, number, f"{ordinal(number)} {full}"
    return None


def _unnumbered(texts: list[str]) -> tuple[str, None, str] | None:
    """(series, None, title) of a statement that names its meeting without an ordinal ("the
    ASEAN-Japan Digital Ministers' Meeting was held on ..."): the number is found later, from the
    meetings stored for the series (see compare.meeting_number_for)."""
    for text in texts:
        for s, e in sentence_spans(text):
            series = series_for_title(text[s:e])
            if series and not NEXT_TRIGGER.search(text[s:e]):
                return series, None, SERIES_NAMES[series]
    return None


def _clean_place(place: str) -> str:
    place = place.strip(" ,.")
    place = (
        re.sub(r"^the\s+", "", place, flags=re.I)
        if not place.lower().startswith("the philippines")
        else place
    )
    if place.isupper():
        place = place.title()
    return place


def _venue(texts: list[str]) -> str:
    held = re.compile(
        r"\b(?:held|convened|took place|hosted|organi[sz]ed|met)\b(?P<rest>[^.;]*)", re.I
    )
    for text in texts:
        # "The 6th ADGMIN will be held in Viet Nam" is where the next meeting goes.
        sentences = [text[a:b] for a, b in sentence_spans(text)]
        current = " ".join(x for x in sentences if not NEXT_TRIGGER.search(x))
        for m in held.finditer(current):
            rest = m.group("rest")
            if re.match(
                r"\s*(?:virtually|online|via video|(?:by|through|via) video[- ]?conferenc|"
                r"in (?:a )?virtual (?:format|mode)|as a virtual meeting)",
                rest,
                re.I,
            ):
                hosted = re.search(r"\bhosted (?:from|by|in)\s+" + PLACE.pattern, current)
                if hosted:
                    place = _clean_place(
                        re.split(r"\s+(?:on|from|under)\s", hosted.group("place"))[0]
                    )
                    return f"Virtual, {' '.join(hosted.group(0).split()[:2])} {place}"
                return "Virtual"
            for place in re.finditer(r"\b(?:in|at)\s+" + PLACE.pattern, rest):
                value = place.group("place")
                first = value.split()[0].strip(",")
                if re.fullmatch(MONTH, first, re.I) or first[0].isdigit():
                    continue
                return _clean_place(re.split(r"\s+(?:on|from)\s", value)[0])
    # A title block writes "1-2 FEBRUARY 2024, SINGAPORE" or "Singapore, 1-2 February 2024".
    for text in texts:
        found = find_date_range(text)
        if not found:
            continue
        after = re.match(
            r"\s*[,|–-]\s*([A-Za-z][A-Za-z .'’-]*(?:,\s*[A-Za-z][A-Za-z .'’-]*)*)",
            text[found.span[1] :],
        )
        if after:
            return _clean_place(after.group(1))
        before = re.search(
            r"([A-Z][A-Za-z .'’-]*(?:,\s*[A-Z][A-Za-z .'’-]*)*)\s*,\s*$", text[: found.span[0]]
        )
        if before and len(before.group(1).split()) <= 5:
            return _clean_place(before.group(1))
    return ""


def _person(clause: str, matcher: Matcher) -> Person:
    clause = " ".join(clause.split()).strip(" ,.;")
    clause = HONORIFIC.sub("", clause)
    clause = re.sub(r"^(?:by|with)\s+", "", clause, flags=re.I)
    clause = HONORIFIC.sub("", clause)
    person = Person()
    countries = _partners(clause, matcher, "member_state") or _partners(clause, matcher)
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


def _chairs(texts: list[str], matcher: Matcher) -> tuple[Person, Person]:
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


def parse_meeting(split: SplitStatement, metadata: dict, matcher: Matcher) -> MeetingInfo:
    """The meeting a statement is from; refuses a statement that never says which one."""
    paragraphs = [p.text for p in split.paragraphs[:2]]
    preamble = [split.title, *split.preamble]
    meta_title = str(metadata.get("title") or "")
    order = paragraphs[:1] + preamble + paragraphs[1:] + [meta_title]
    identity = _identify([t for t in order if t], matcher)
    if identity is None:
        identity = _unnumbered([t for t in order if t])
    if identity is None:
        raise ImportRefused(
            ImportRefused.NO_MEETING,
            "The statement never says which meeting it is from: the first paragraph or the "
            'title should name it, e.g. "the 4th ASEAN Digital Ministers\' Meeting (ADGMIN)".',
        )
    info = MeetingInfo()
    info.series, info.number, info.title = identity
    for text in order:
        found = find_date_range(text) if text else None
        if found:
            info.start_date, info.end_date = found.start, found.end or found.start
            break
    info.venue = _venue([t for t in order if t])
    hosts = _partners(info.venue, matcher, "member_state") if info.venue else []
    if not hosts:
        for p in split.paragraphs:
            for s, e in sentence_spans(p.text):
                sentence = p.text[s:e]
                if re.search(r"\bhost(?:ing|ed)\b", sentence, re.I) and not NEXT_TRIGGER.search(
                    sentence
                ):
                    # "hosted by Cambodia ..., vice-chaired by ... of Lao PDR": the host is the
                    # country right after "hosted by", else any in the sentence.
                    by = re.search(r"\bhosted by\s+(?:the\s+)?(?P<rest>.{0,60})", sentence)
                    hosts = _partners(by.group("rest"), matcher, "member_state")[:1] if by else []
                    hosts = hosts or _partners(sentence, matcher, "member_state")
                    if hosts:
                        break
            if hosts:
                break
    if hosts:
        info.host_id, info.host = hosts[-1].id, hosts[-1].name
    if info.venue and info.host and info.venue.lower() == f"the {info.host.lower()}":
        info.venue = info.host
    info.chair, info.vice_chair = _chairs(paragraphs + preamble, matcher)
    if info.chair.name and not info.chair.country_id and info.host_id:
        info.chair.country_id, info.chair.country = info.host_id, info.host
    if not info.host_id and info.chair.country_id:
        # The chair of an ADGMIN is the host's minister, also online: "held in Bangkok ...
        # chaired by the Minister ... of Thailand" is hosted by Thailand.
        info.host_id, info.host = info.chair.country_id, info.chair.country
    everything = " ".join([*preamble, *(p.text for p in split.paragraphs)])
    theme = THEME.search(everything) or THEME_UNQUOTED.search(everything)
    if theme:
        info.theme = theme.group("t").strip(" .")
    return info


def parse_next_meetings(
    split: SplitStatement, current: MeetingInfo, matcher: Matcher
) -> list[PlannedMeeting]:
    """Meetings the statement announces for later, with place and approximate date."""
    planned: dict[tuple[str, int], PlannedMeeting] = {}
    for paragraph in split.paragraphs:
        for s, e in sentence_spans(paragraph.text):
            sentence = paragraph.text[s:e]
            if not NEXT_TRIGGER.search(sentence):
                continue
            identity = _identify([sentence], matcher)
            if identity is None:
                if not re.search(r"\bnext\b", sentence, re.I) or not current.number:
                    continue
                identity = (
                    current.series,
                    current.number + 1,
                    re.sub(r"^\d+\w*", ordinal(current.number + 1), current.title),
                )
            series, number, title = identity
            if (series, number) == (current.series, current.number) or (
                current.number and series == current.series and number <= current.number
            ):
                continue
            meeting = PlannedMeeting(series=series, number=number, title=title)
            meeting.paragraph = paragraph.number
            place = re.search(r"\b(?:in|at)\s+" + PLACE.pattern, sentence)
            while place:
                first = place.group("place").split()[0].strip(",")
                if not (re.fullmatch(MONTH, first, re.I) or first[0].isdigit()):
                    meeting.venue = _clean_place(
                        re.split(r"\s+(?:in|on|from|by)\s", place.group("place"))[0]
                    )
                    break
                place = re.compile(r"\b(?:in|at)\s+" + PLACE.pattern).search(sentence, place.end())
            hosted = re.search(
                r"\bhosted by\s+(?:the\s+)?(" + PLACE_WORD + r"(?:\s+" + PLACE_WORD + r")*)",
                sentence,
            )
            hosts = _partners(hosted.group(1), matcher, "member_state") if hosted else []
            if not hosts and meeting.venue:
                hosts = _partners(meeting.venue, matcher, "member_state")
            if not hosts:  # "accepted the offer of Viet Nam to host ..."
                hosts = _partners(sentence, matcher, "member_state")[:1]
            if hosts:
                meeting.host_id, meeting.host = hosts[-1].id, hosts[-1].name
                meeting.venue = meeting.venue or hosts[-1].name
            if (
                meeting.venue
                and meeting.host
                and meeting.venue.lower() == f"the {meeting.host.lower()}"
            ):
                meeting.venue = meeting.host
            expected = find_expected(sentence)
            if expected is not None:
                meeting.date_text, meeting.start_date = expected.text, expected.date
            earlier = planned.get((series, number))
            if earlier is None:
                planned[(series, number)] = meeting
            else:  # a later sentence may say where or when: fill what the first one left out
                for name in ("venue", "host_id", "host", "date_text", "start_date"):
                    if not getattr(earlier, name) and getattr(meeting, name):
                        setattr(earlier, name, getattr(meeting, name))
    return list(planned.values())
