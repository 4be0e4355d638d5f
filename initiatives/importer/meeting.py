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

from tracker.text import ordinal

from .chairs import partners_in, read_chairs
from .classify import sentence_spans
from .dates import MONTH, find_date_range, find_expected
from .errors import ImportRefused
from .matcher import PARTNER, Matcher
from .rows import MeetingInfo, PlannedMeeting
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


def _ordinal_number(text: str) -> int | None:
    text = text.strip().lower().replace(" ", "")
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


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
        partner = partners_in(compound.group(1), matcher)
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
            (m for m in MEETING_ACRONYM.finditer(text) if partners_in(m.group("acr"), matcher)),
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
    hosts = partners_in(info.venue, matcher, "member_state") if info.venue else []
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
                    hosts = partners_in(by.group("rest"), matcher, "member_state")[:1] if by else []
                    hosts = hosts or partners_in(sentence, matcher, "member_state")
                    if hosts:
                        break
            if hosts:
                break
    if hosts:
        info.host_id, info.host = hosts[-1].id, hosts[-1].name
    if info.venue and info.host and info.venue.lower() == f"the {info.host.lower()}":
        info.venue = info.host
    info.chair, info.vice_chair = read_chairs(paragraphs + preamble, matcher)
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


def _where(meeting: PlannedMeeting, sentence: str, matcher: Matcher) -> None:
    """The place of an announced meeting ("in Singapore", "hosted by Viet Nam") and its host."""
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
    hosts = partners_in(hosted.group(1), matcher, "member_state") if hosted else []
    if not hosts and meeting.venue:
        hosts = partners_in(meeting.venue, matcher, "member_state")
    if not hosts:  # "accepted the offer of Viet Nam to host ..."
        hosts = partners_in(sentence, matcher, "member_state")[:1]
    if hosts:
        meeting.host_id, meeting.host = hosts[-1].id, hosts[-1].name
        meeting.venue = meeting.venue or hosts[-1].name
    if meeting.venue and meeting.host and meeting.venue.lower() == f"the {meeting.host.lower()}":
        meeting.venue = meeting.host


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
            _where(meeting, sentence, matcher)
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
