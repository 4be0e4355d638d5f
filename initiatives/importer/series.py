"""The meeting series the tracker follows, and which one a title or sentence names.

One place for the codes, so that the importer, the reference loader and the pages agree:

- ``ADGMIN``: the ASEAN Digital Ministers' Meeting (formerly TELMIN);
- ``ADGSOM``: the ASEAN Digital Senior Officials' Meeting (formerly TELSOM);
- ``ADGMIN+<Partner>``: the related meeting of the ministers with one dialogue partner, e.g. the
  "5th ASEAN-Japan Digital Ministers' Meeting" is ``ADGMIN+Japan``.

A series is recognised from the words, not from a list of titles: "ASEAN-<partner>" (or
"<partner>-ASEAN", or "ASEAN and <partner>") before "Digital/Telecommunications Ministers'
Meeting" is a related meeting with that partner; "Senior Officials" is the ADGSOM.
"""

from __future__ import annotations

import re

ADGMIN = "ADGMIN"
ADGSOM = "ADGSOM"

# Partner code -> the spellings statements use for that partner (folded to lower case).
PARTNERS: dict[str, tuple[str, ...]] = {
    "Japan": ("japan",),
    "China": ("china", "people's republic of china", "prc"),
    "Korea": ("korea", "republic of korea", "rok", "south korea"),
    "India": ("india",),
    "US": ("u.s.", "us", "u.s.a.", "usa", "united states", "united states of america", "america"),
    "EU": ("eu", "e.u.", "european union", "europe"),
}
SERIES: tuple[str, ...] = (ADGMIN, ADGSOM, *(f"{ADGMIN}+{code}" for code in PARTNERS))
SERIES_NAMES: dict[str, str] = {
    ADGMIN: "ASEAN Digital Ministers' Meeting",
    ADGSOM: "ASEAN Digital Senior Officials' Meeting",
    **{
        f"{ADGMIN}+{code}": f"ASEAN-{'U.S.' if code == 'US' else code} Digital Ministers' Meeting"
        for code in PARTNERS
    },
}

_SPELLING = {s: code for code, spellings in PARTNERS.items() for s in spellings}
_PARTNER_WORD = "|".join(
    re.escape(s) for s in sorted(_SPELLING, key=len, reverse=True) if s not in ("us",)
)
# "US" in capitals only (not the pronoun "us").
_PARTNER = rf"(?P<partner>(?i:{_PARTNER_WORD})|US)"
_MINISTERS = (
    r"(?i:(?:digital|telecommunications?(?:\s+and\s+(?:it|ict|information))?|ict)\s+"
    r"(?:ministers?['’]?|ministerial)\s+meeting)"
)
_RELATED = [
    re.compile(rf"(?i:\bASEAN\s*(?:[-–+]|and|with)\s*(?:the\s+)?){_PARTNER}(?!\w)\s*{_MINISTERS}"),
    re.compile(rf"\b{_PARTNER}\s*(?i:[-–]|and)\s*ASEAN\s+{_MINISTERS}"),
    re.compile(rf"(?i:\bADGMIN\s*\+\s*){_PARTNER}(?!\w)"),
    re.compile(rf"(?i:\b{ADGMIN}\s+(?:with|and)\s+(?:the\s+)?){_PARTNER}(?!\w)"),
    re.compile(rf"\bASEAN\s+{_MINISTERS}\s+(?i:with\s+(?:the\s+)?){_PARTNER}(?!\w)"),
]
_SENIOR = re.compile(r"(?i:\bADGSOM\b|\bASEAN\s+Digital\s+Senior\s+Officials['’]?\s+Meeting)", re.I)
_MINISTERIAL = re.compile(
    rf"(?i:\bADGMIN\b|\bASEAN\s+{_MINISTERS}|\bASEAN\s+Digital\s+Ministers\b)"
)


def partner_code(text: str) -> str | None:
    """The partner code for a spelling ("Republic of Korea" -> "Korea"), or None."""
    text = " ".join(text.split())
    return "US" if text == "US" else _SPELLING.get(text.lower())


def series_for_title(text: str) -> str | None:
    """The series a meeting title (or a sentence naming one meeting) belongs to, or None.

    >>> series_for_title("The 5th ASEAN-Japan Digital Ministers' Meeting")
    'ADGMIN+Japan'
    >>> series_for_title("ASEAN Digital Senior Officials' Meeting (ADGSOM)")
    'ADGSOM'
    """
    if not text:
        return None
    text = " ".join(text.split())
    for pattern in _RELATED:
        m = pattern.search(text)
        if m:
            code = partner_code(m.group("partner"))
            if code:
                return f"{ADGMIN}+{code}"
    senior, ministerial = _SENIOR.search(text), _MINISTERIAL.search(text)
    if senior and (ministerial is None or senior.start() <= ministerial.start()):
        return ADGSOM
    if ministerial:
        return ADGMIN
    return None
