"""Dates as statements write them: meeting dates ("9-10 February 2023", "16 to 17 January 2025",
"30 January - 1 February 2024", "January 16-17, 2025") and expectations ("in 2023", "early 2023",
"by 2025", "January/February 2024", "2021-2025").

An expectation is stored as its words plus the earliest date they allow, so that "early 2023"
sorts and filters as 1 January 2023 while the officer still reads "early 2023".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
for _name, _n in list(MONTHS.items()):
    MONTHS[_name[:3]] = _n
MONTHS["sept"] = 9

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
TO = r"\s*(?:-|–|—|to|until|and|&)\s*"
YEAR = r"((?:19|20)\d{2})"

DAY_RANGE = re.compile(rf"\b{DAY}{TO}{DAY}\s+({MONTH})\s*,?\s*{YEAR}\b", re.I)
CROSS_MONTH = re.compile(rf"\b{DAY}\s+({MONTH}){TO}{DAY}\s+({MONTH})\s*,?\s*{YEAR}\b", re.I)
US_RANGE = re.compile(rf"\b({MONTH})\s+{DAY}{TO}{DAY}\s*,?\s*{YEAR}\b", re.I)
SINGLE = re.compile(rf"\b{DAY}\s+({MONTH})\s*,?\s*{YEAR}\b", re.I)
US_SINGLE = re.compile(rf"\b({MONTH})\s+{DAY}\s*,\s*{YEAR}\b", re.I)

MODIFIER_MONTH = {
    "early": 1,
    "beginning of": 1,
    "start of": 1,
    "first half of": 1,
    "first quarter of": 1,
    "q1": 1,
    "mid": 5,
    "middle of": 5,
    "second quarter of": 4,
    "q2": 4,
    "second half of": 7,
    "third quarter of": 7,
    "q3": 7,
    "late": 7,
    "fourth quarter of": 10,
    "q4": 10,
    "end of": 12,
}
EXPECTED = re.compile(
    r"(?P<prep>\b(?:in|by|before|until|within|during|from|for|around|through|on)\s+)?"
    r"(?:the\s+)?"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?=[A-Z]))?"
    r"(?P<mod>early|mid|middle of|late|end of|beginning of|start of|first half of|second half of|"
    r"first quarter of|second quarter of|third quarter of|fourth quarter of|Q[1-4])?"
    r"[\s-]*"
    rf"(?P<months>{MONTH}(?:\s*(?:/|-|–|or|and|to)\s*{MONTH})?)?\s*,?\s*"
    r"(?P<year>\b(?:19|20)\d{2})\b"
    r"(?:\s*(?:-|–|to)\s*(?P<year2>(?:19|20)\d{2})\b)?",
    re.I,
)


MODIFIER_PRECISION = {
    "early": "half",
    "beginning of": "half",
    "start of": "half",
    "first half of": "half",
    "second half of": "half",
    "late": "half",
    "mid": "half",
    "middle of": "half",
    "first quarter of": "quarter",
    "second quarter of": "quarter",
    "third quarter of": "quarter",
    "fourth quarter of": "quarter",
    "q1": "quarter",
    "q2": "quarter",
    "q3": "quarter",
    "q4": "quarter",
    "end of": "month",
}
# Words that give a year without expecting anything in it: "the work plan for 2026" names the
# plan's year, "from 2026" starts a period.
NOT_EXPECTATION = {"for", "from", "through"}


MONTH_JOINER = re.compile(r"\s*(?:/|-|–|\bor\b|\band\b|\bto\b)\s*", re.I)


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date | None
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class Expected:
    text: str
    date: date
    span: tuple[int, int]
    is_period: bool = False
    period: tuple[int, int] | None = None
    # How exact the words are: "day", "month", "quarter", "half" or "year" (DatePrecision).
    precision: str = "year"


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date_range(text: str) -> DateRange | None:
    """The first meeting date or date range in `text`, whichever way it is written."""
    found: list[DateRange] = []
    for m in CROSS_MONTH.finditer(text):
        year = int(m.group(5))
        start = _safe(year, _month(m.group(2)), int(m.group(1)))
        end = _safe(year, _month(m.group(4)), int(m.group(3)))
        if start and end and end >= start:
            found.append(DateRange(start, end, m.group(0), m.span()))
    for m in DAY_RANGE.finditer(text):
        year, month = int(m.group(4)), _month(m.group(3))
        start, end = _safe(year, month, int(m.group(1))), _safe(year, month, int(m.group(2)))
        if start and end and end >= start:
            found.append(DateRange(start, end, m.group(0), m.span()))
    for m in US_RANGE.finditer(text):
        year, month = int(m.group(4)), _month(m.group(1))
        start, end = _safe(year, month, int(m.group(2))), _safe(year, month, int(m.group(3)))
        if start and end and end >= start:
            found.append(DateRange(start, end, m.group(0), m.span()))
    if not found:
        for m in SINGLE.finditer(text):
            day = _safe(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
            if day:
                found.append(DateRange(day, None, m.group(0), m.span()))
        for m in US_SINGLE.finditer(text):
            day = _safe(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
            if day:
                found.append(DateRange(day, None, m.group(0), m.span()))
    if not found:
        return None
    return min(found, key=lambda r: (r.span[0], -(r.span[1] - r.span[0])))


def find_expected(text: str) -> Expected | None:
    """The first expectation in `text`: a bare year counts only with a preposition, a modifier,
    a month, or as a period ("2021-2025"), so that the year inside a name is not taken."""
    return next(iter_expected(text), None)


def _said_words(prep: str, mod: str, day: str | None, months: str) -> list[str]:
    """The words of an expectation before its year: "by", "mid", "Q3", "30", "June"."""
    words = []
    if prep in ("by", "before", "until", "within"):
        words.append(prep)
    if mod:
        words.append(mod.upper() if mod.startswith("q") else mod)
    if day:
        words.append(str(int(day)))
    if months:
        # "January / February" -> "January/February"; "January and February" keeps its words.
        words.append(re.sub(r"\s*([/\-–])\s*", r"\1", " ".join(months.split())))
    return words


def _first_month(months: str, mod: str) -> int:
    if months:
        # Joining words only as whole words: "October" contains "to", "Mar" is no "or".
        return _month(MONTH_JOINER.split(months)[0])
    return MODIFIER_MONTH.get(mod.lower(), 1) if mod else 1


def iter_expected(text: str):
    """Every expectation in `text`, in reading order."""
    for m in EXPECTED.finditer(text):
        prep = (m.group("prep") or "").strip().lower()
        mod = (m.group("mod") or "").strip().lower()
        months = m.group("months") or ""
        year, year2 = int(m.group("year")), m.group("year2")
        if not (prep or mod or months or year2):
            continue
        day = m.group("day")
        if day and not months:
            continue
        if (prep in NOT_EXPECTATION or (prep == "on" and not day)) and not year2:
            continue
        words = _said_words(prep, mod, day, months)
        month = _first_month(months, mod)
        if year2:
            y2 = int(year2)
            if y2 < year:
                continue
            words.append(f"{year}-{y2}")
            text_out = " ".join(words)
            start = m.start("prep") if prep and prep in ("by", "before", "until") else m.start()
            yield Expected(
                text_out,
                date(year, 1, 1),
                (start, m.end()),
                is_period=True,
                period=(year, y2),
                precision="year",
            )
            continue
        words.append(str(year))
        text_out = " ".join(words).replace("mid 20", "mid-20")
        if months and day and MONTH_JOINER.search(months) is None:
            on = _safe(year, month, int(day))
            if on is not None:
                yield Expected(text_out, on, m.span(), precision="day")
                continue
        precision = "month" if months else MODIFIER_PRECISION.get(mod.lower(), "year")
        if months and MONTH_JOINER.search(months):
            precision = "quarter"  # "January/February 2024": a span of months
        yield Expected(
            text_out,
            date(year, month, 1),
            m.span(),
            precision=precision,
            is_period=False,
            period=None,
        )
