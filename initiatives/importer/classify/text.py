"""Sentences, masking and tidying: the small text tools every reader of the classifier uses."""

from __future__ import annotations

import re

from .rules import MASK

ARTICLES = {"the", "a", "an", "its", "their", "our", "this", "these", "that", "those", "his"}


ARTICLES |= {"her", "of", "on", "for", "to", "in", "with", "under", "through", "by", "also"}


ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|St|Jr|Sr|Hon|Gen|Adm|Col|Lt|"
    r"Capt|Sec|etc|vs|Rt|Amb|Excl|Incl|approx|cf)\.)$"
)


ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$", re.I)


def sentence_spans(text: str, protected: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence boundaries that ignore abbreviations ("U.S.", "H.E.", "Dr.") and names."""
    spans = []
    start = 0
    for m in re.finditer(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(]?[A-Z0-9])", text):
        end, dot = m.end(), m.start()
        if any(s <= dot < e for s, e in protected):
            continue
        if text[dot] == "." and ABBREVIATION.search(text[max(0, dot - 12) : dot + 1]):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = MASK
    return "".join(chars)


def has_content(fragment: str) -> bool:
    for word in re.findall(r"[A-Za-z0-9][\w'’-]*", fragment):
        if word.lower() not in ARTICLES and not ORDINAL.match(word) and not word.isdigit():
            return True
    return False


def tidy(fragment: str) -> str:
    fragment = re.sub(f"{MASK}+", "…", fragment)
    fragment = " ".join(fragment.split()).strip(" ,;:")
    # Trailing articles say nothing: "the completion of study for the" -> "... for".
    return re.sub(r"(?:\s+\b(?:the|a|an|its|their)\b)+$", "", fragment, flags=re.I)


def shorten(phrase: str, limit: int = 160) -> str:
    if len(phrase) <= limit:
        return phrase
    head, tail = phrase[: limit // 3], phrase[-(limit * 2 // 3) :]
    return f"{head.rsplit(' ', 1)[0]} … {tail.split(' ', 1)[-1]}"
