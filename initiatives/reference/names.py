"""Spellings, kinds and confidences: the plain-text rules the reference loader reads names by.

No database here: what two spellings of one name share (`name_key`), an acronym in brackets
(`split_name`), a kind guessed from the words of a name, and how confidences combine.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tracker.text import normalise

from ..choices import Confidence, InitiativeKind

KIND_WORDS = [
    (r"\bwork ?plans?\b|\bkey deliverables\b", InitiativeKind.WORK_PLAN),
    (r"\bdeclaration\b|\bjoint statement\b", InitiativeKind.DECLARATION),
    (r"\bmasterplan\b", InitiativeKind.MASTERPLAN),
    (r"\bstrategy\b", InitiativeKind.STRATEGY),
    (r"\bagreement\b", InitiativeKind.AGREEMENT),
    (r"\bguides?\b|\bguidelines\b|\brecommendations\b|\bchecklist\b", InitiativeKind.GUIDE),
    (r"\broadmap\b", InitiativeKind.ROADMAP),
    (r"\breport\b|\bstudy\b|\breview\b|\bpaper\b", InitiativeKind.STUDY),
    (r"\bnetwork\b", InitiativeKind.NETWORK),
    (r"\bcent(?:re|er)\b", InitiativeKind.CENTRE),
    (r"\bindex\b", InitiativeKind.INDEX),
    (r"\bprogram(?:me)?s?\b|\bproject\b|\btraining\b", InitiativeKind.PROGRAMME),
    (r"\bframework\b", InitiativeKind.FRAMEWORK),
    (r"\bmechanism\b|\bworking group\b|\bsystem\b|\bfund\b", InitiativeKind.MECHANISM),
    (r"\bmodel\b", InitiativeKind.MODEL),
    (r"\baction plan\b", InitiativeKind.WORK_PLAN),
]
STOPWORDS = re.compile(r"\b(?:the|a|an)\b", re.I)
TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
ANY_BRACKET = re.compile(r"\s*\([^()]*\)")
LOWER = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW}


def name_key(text: str) -> str:
    """Spellings of one name compare equal: case, punctuation, spacing and articles ignored."""
    return normalise(STOPWORDS.sub(" ", text))


def split_name(text: str) -> tuple[str, str]:
    """'ASEAN Digital Masterplan 2025 (ADM2025)' -> (name, 'ADM2025'); a trailing remark in
    brackets ('(rural areas)', '(2019)', '(item endorsed ...)') is dropped from the name."""
    match = TRAILING_BRACKET.search(text)
    if not match:
        return text.strip(), ""
    inner, name = match.group(1).strip(), text[: match.start()].strip()
    words = inner.split()
    is_acronym = (
        0 < len(inner) <= 20
        and "," not in inner
        and sum(ch.isupper() for ch in inner) >= 2
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and not re.fullmatch(r"[\d\s\-–]+", inner)
    )
    return name, inner if is_acronym else ""


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on separators outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in separators:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def publisher_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return re.sub(r"^(?:www|m|amp)\.", "", host)


def lower_confidence(confidence: str) -> str:
    return LOWER.get(confidence, confidence)


def weakest(confidences: list[str]) -> str:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [c for c in confidences if c]
    return min(known, key=order.index) if known else ""


def merged(existing: list[str], new: list[str]) -> list[str]:
    seen = {e.casefold() for e in existing}
    result = list(existing)
    for item in new:
        if item and item.casefold() not in seen:
            result.append(item)
            seen.add(item.casefold())
    return result


def guess_kind(name: str) -> str:
    for pattern, kind in KIND_WORDS:
        if re.search(pattern, name, re.I):
            return kind
    return InitiativeKind.OTHER
