"""Stage 3 of the importer: find every known name in a text with one Aho-Corasick automaton.

Names are compared in the folded form of `tracker.text.normalise` (case, accents, punctuation
and spacing ignored), so "ADM 2025" finds "ADM2025" and "ASEAN - Japan" finds "ASEAN-Japan".
The text is folded character by character while remembering where each folded character came
from, so every match maps back to the exact words of the original. The automaton runs over the
text twice: as written, and with bracketed acronyms and periods skipped, so that "Implementing
Guidelines for the ASEAN Data Management Framework (DMF) and ASEAN Cross Border Data Flows (CBDF)
Mechanism" still finds the name stored without the brackets.

Rules: a match must start and end on word boundaries of the original text; short all-capital
names ("US", "APT", "ROK") must appear in capitals, so "us" and "apt" are not countries or
organisations; where matches overlap, the longest wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import ahocorasick

from tracker.text import normalise

INITIATIVE = "initiative"
PARTNER = "partner"
CANDIDATE = "candidate"
# When one spelling belongs to several records, which kind to prefer.
KIND_PREFERENCE = {INITIATIVE: 0, CANDIDATE: 1, PARTNER: 2}

ACRONYM_PAREN = re.compile(r"\(\s*([^()]{1,24}?)\s*\)")
PERIOD_PAREN = re.compile(r"\(\s*(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*\)")


@dataclass(frozen=True)
class Entry:
    """Something the importer can recognise: a known initiative or partner, or a candidate."""

    kind: str
    id: int | str
    name: str
    names: tuple[str, ...]
    acronym: str = ""
    category: str = ""  # the initiative's or partner's own kind (framework, member_state, ...)
    work_plan_partner_id: int | None = None
    work_plan_year: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int
    text: str
    acronym: str = ""  # a bracketed acronym written right after the name, if any


@dataclass
class Catalogue:
    """Everything known when an import starts, detached from the database."""

    entries: list[Entry] = field(default_factory=list)

    def initiatives(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == INITIATIVE]

    def partners(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == PARTNER]

    def by_id(self, kind: str, pk) -> Entry | None:
        for entry in self.entries:
            if entry.kind == kind and entry.id == pk:
                return entry
        return None


def is_acronym(text: str) -> bool:
    """ "ACAM", "ADM 2030", "E-READI", "MCCs", "WG-DDG": mostly capitals, short, no long words."""
    text = text.strip()
    if not text or len(text) > 20 or not text[0].isalpha():
        return False
    uppers = sum(c.isupper() for c in text)
    lowers = sum(c.islower() for c in text)
    return uppers >= 2 and lowers <= 2 and not re.search(r"[a-z]{3,}", text)


def _strict(spelling: str, key: str) -> bool:
    """Short capitals must match in capitals: "US" is a partner, "us" is a pronoun."""
    return len(key) <= 6 and not any(c.islower() for c in spelling)


_FOLDED: dict[str, str] = {}  # character -> its folded form, filled as characters are seen


def fold_with_index(text: str, skip: list[tuple[int, int]] | None = None) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    segments, position = [], 0
    for s, e in sorted(skip or []):
        if s > position:
            segments.append((position, s))
        position = max(position, e)
    segments.append((position, len(text)))
    folded_of = _FOLDED
    for seg_start, seg_end in segments:
        for i in range(seg_start, seg_end):
            ch = text[i]
            folded = folded_of.get(ch)
            if folded is None:
                folded = folded_of[ch] = normalise(ch)
            if len(folded) == 1:
                out.append(folded)
                index.append(i)
            elif folded:
                out.extend(folded)
                index.extend([i] * len(folded))
    return "".join(out), index


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Bracketed acronyms and periods ("(DMF)", "(2021-2025)"), with the space before them."""
    spans = []
    for m in ACRONYM_PAREN.finditer(text):
        if is_acronym(m.group(1)) or PERIOD_PAREN.fullmatch(m.group(0)):
            start = m.start()
            while start > 0 and text[start - 1] == " ":
                start -= 1
            spans.append((start, m.end()))
    return spans


class Matcher:
    """One automaton over the folded spellings of every entry."""

    def __init__(self, entries: list[Entry]):
        self.entries = list(entries)
        self.automaton = ahocorasick.Automaton()
        payloads: dict[str, list[tuple[int, bool, str]]] = {}
        for i, entry in enumerate(self.entries):
            for spelling in {entry.name, *entry.names, *([entry.acronym] if entry.acronym else [])}:
                key = normalise(spelling)
                if len(key) < 2:
                    continue
                payloads.setdefault(key, []).append((i, _strict(spelling, key), spelling))
        for key, items in payloads.items():
            items.sort(key=lambda item: KIND_PREFERENCE.get(self.entries[item[0]].kind, 9))
            self.automaton.add_word(key, (key, tuple(items)))
        self.size = len(payloads)
        if payloads:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in reading order; the longest wins where they overlap."""
        if not self.size or not text:
            return []
        found: dict[tuple[int, int, int], Match] = {}
        plain = fold_with_index(text)
        skipped = bracket_spans(text)
        streams = [plain]
        if skipped:
            streams.append(fold_with_index(text, skipped))
        for folded, index in streams:
            for end_pos, (key, items) in self.automaton.iter(folded):
                start = index[end_pos - len(key) + 1]
                end = index[end_pos] + 1
                if start > 0 and _word_char(text[start - 1]):
                    continue
                if end < len(text) and _word_char(text[end]):
                    continue
                original = text[start:end]
                for entry_index, strict, spelling in items:
                    if strict and _alnum(original) != _alnum(spelling):
                        continue
                    entry = self.entries[entry_index]
                    found.setdefault((start, end, entry_index), Match(entry, start, end, original))
                    break
        return self._resolve(text, list(found.values()))

    def _resolve(self, text: str, matches: list[Match]) -> list[Match]:
        matches = [_with_acronym(text, m) for m in matches]
        matches.sort(
            key=lambda m: (-(m.end - m.start), m.start, KIND_PREFERENCE.get(m.entry.kind, 9))
        )
        taken: list[Match] = []
        for match in matches:
            if any(match.start < t.end and t.start < match.end for t in taken):
                continue
            taken.append(match)
        taken.sort(key=lambda m: m.start)
        return taken


def _word_char(ch: str) -> bool:
    """Letters and digits continue a word; a footnote mark ("ADM 2025¹") does not."""
    return ch.isalnum() and unicodedata.category(ch) != "No"


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text)


def _with_acronym(text: str, match: Match) -> Match:
    """Take in a bracketed acronym written right after the name: "(ACAM)" belongs to it."""
    after = ACRONYM_PAREN.match(text, match.end) or ACRONYM_PAREN.match(
        text, match.end + (1 if text[match.end : match.end + 1] == " " else 0)
    )
    if after and is_acronym(after.group(1)) and after.start() - match.end <= 1:
        return Match(
            match.entry, match.start, after.end(), text[match.start : after.end()], after.group(1)
        )
    return match
