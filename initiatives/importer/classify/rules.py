"""The rules that turn a phrase into a status, and what a classification holds.

Rules are data (the StatusRule table, which an admin extends): enabled rules in order of
priority, the first that matches decides; a rule with a blank status means "no progress said".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

log = logging.getLogger(__name__)


SUBSTRING = "substring"


REGEX = "regex"


MASK = "§"


MAX_PHRASE = 300


WEAK_PRIORITY = 100


@dataclass(frozen=True)
class Rule:
    """One phrase-to-status rule, detached from the StatusRule row it came from."""

    pattern: str
    match_kind: str = SUBSTRING
    status: str = ""
    priority: int = 100
    id: int | None = None

    def matches(self, phrase: str) -> bool:
        compiled = _compile(self.pattern, self.match_kind)
        return compiled is not None and compiled.search(phrase) is not None


@lru_cache(maxsize=2048)
def _compile(pattern: str, match_kind: str) -> re.Pattern | None:
    if match_kind == REGEX:
        try:
            return re.compile(pattern, re.I)
        except re.error:
            log.warning("Status rule %r is not a valid regular expression; skipped", pattern)
            return None
    words = [re.escape(w) for w in pattern.split()]
    if not words:
        return None
    # "Contains the words": the phrase has them in this order, starting at a word boundary,
    # so that "endorse" finds "endorsed" and "endorsement" but "noted" never finds "denoted".
    return re.compile(r"(?<![0-9A-Za-z])" + r"\s+".join(words), re.I)


def apply_rules(phrase: str, rules: list[Rule]) -> Rule | None:
    """The first rule (highest priority first) whose pattern is in the phrase."""
    for rule in sorted(rules, key=lambda r: (-r.priority, r.pattern)):
        if rule.matches(phrase):
            return rule
    return None


@dataclass
class Classification:
    phrase: str = ""
    status: str = ""
    expected_text: str = ""
    expected_date: date | None = None
    rule: str = ""
    expected_precision: str = ""


@dataclass(frozen=True)
class NextMeeting:
    """The meeting a statement announces, for "to be presented at the next ADGMIN"."""

    words: str
    date: date | None
    precision: str = "year"
    number: int | None = None
