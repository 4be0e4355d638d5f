"""Titles against the catalogue: what is new, its partners, period and work-plan year, and
a suggested merge when it is a known initiative spelt another way."""

from __future__ import annotations

import re

from tracker.text import normalise

from ..matcher import INITIATIVE, PARTNER, Entry, Matcher
from ..rows import Candidate
from .titles import find_titles
from .tokens import tokenize
from .vocabulary import (
    CONNECTORS,
    KIND_WORDS,
    LEADING_NOISE,
    NUMERIC,
    PERIOD,
    STAGE_WORDS,
    WEAK_WORDS,
    YEAR,
)


def canonical_words(name: str) -> frozenset[str]:
    """Words of a name in any order and spelling: "Work Plan"/"Workplan", "U.S."/"US"."""
    text = re.sub(r"\(([^()]*)\)", r" \1 ", name)
    text = re.sub(r"\bwork\s*plan\b", "workplan", text, flags=re.I)
    words = set()
    for raw in re.split(r"[\s\-–/]+", text):
        word = normalise(raw)
        word = {"programme": "program", "centre": "center", "organisation": "organization"}.get(
            word, word
        )
        if word and word not in ("the", "of", "and", "on", "for", "an", "a"):
            words.add(word)
    return frozenset(words)


def _partners_in(name: str, matcher: Matcher) -> list[Entry]:
    return [m.entry for m in matcher.find(name) if m.entry.kind == PARTNER]


def discover(
    paragraphs: list[tuple[int, str]], matcher: Matcher, *, start_key: int = 1
) -> list[Candidate]:
    """Proposed new initiatives from the paragraphs, given a matcher of everything known."""
    known_keys: dict[str, Entry] = {}
    canon: dict[frozenset[str], Entry] = {}
    work_plans: dict[tuple[int, int], Entry] = {}
    for entry in matcher.entries:
        for spelling in {entry.name, *entry.names, *([entry.acronym] if entry.acronym else [])}:
            known_keys.setdefault(normalise(spelling), entry)
            if entry.kind == INITIATIVE:
                canon.setdefault(canonical_words(spelling), entry)
        if entry.kind == INITIATIVE and entry.work_plan_partner_id and entry.work_plan_year:
            work_plans[(entry.work_plan_partner_id, entry.work_plan_year)] = entry

    by_key: dict[str, Candidate] = {}
    for number, text in paragraphs:
        matches = matcher.find(text)
        known_spans = [(m.start, m.end) for m in matches]
        known_initiative_spans = [(m.start, m.end) for m in matches if m.entry.kind == INITIATIVE]
        for name, kind, acronym, start, end in find_titles(text, known_spans):
            key = normalise(name)
            bare = normalise(re.sub(r"\([^()]*\)", "", name))
            if key in known_keys or bare in known_keys or len(bare) < 4:
                continue
            inside_known = any(s <= start and end <= e for s, e in known_spans)
            if _known_plus_kind_word(text, start, end, known_initiative_spans):
                continue
            if _only_known_names(text, start, end, known_spans):
                continue
            crossing = any(
                start < e and s < end and not (start <= s and e <= end) for s, e in known_spans
            )
            if inside_known or crossing:
                continue
            if key in by_key:
                if acronym and not by_key[key].acronym:
                    by_key[key].acronym = acronym
                continue
            by_key[key] = Candidate(
                key=f"c{start_key + len(by_key)}",
                name=name,
                kind=kind,
                acronym=acronym,
                paragraph=number,
            )

    candidates = list(by_key.values())
    for candidate in candidates:
        _describe(candidate, matcher, known_keys, canon, work_plans)
    # An acronym already known for something else cannot be this candidate's as well.
    for candidate in candidates:
        if candidate.acronym and normalise(candidate.acronym) in known_keys:
            owner = known_keys[normalise(candidate.acronym)]
            if owner.kind == INITIATIVE and not candidate.suggested_merge_id:
                candidate.suggested_merge_id, candidate.suggested_merge_name = owner.id, owner.name
                candidate.merge_reason = f"same acronym {candidate.acronym}"
            candidate.acronym = "" if owner.kind == PARTNER else candidate.acronym
    return candidates


def _known_plus_kind_word(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "the ADM 2025 Plan", "the DEFA Study": a known initiative followed only by a kind word is
    the known initiative (classification reads the kind word), not a new one. "Joint Guide to
    <known>" is another initiative and stays."""
    for s, e in spans:
        if start <= s and e <= end and (s, e) != (start, end):
            before = [t for t in tokenize(text[start:s]) if t.type == "word"]
            if any(t.lower not in LEADING_NOISE for t in before):
                continue
            after = [t.lower.strip("’'") for t in tokenize(text[e:end]) if t.type == "word"]
            after = [w for w in after if w not in CONNECTORS and not NUMERIC.match(w)]
            if after and all(
                w in KIND_WORDS
                or w in WEAK_WORDS
                or w in STAGE_WORDS
                or w.rstrip("s") in KIND_WORDS
                for w in after
            ):
                return True
    return False


def _only_known_names(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "ASEAN DEFA", "the ASEAN ADM 2030": known names with nothing of their own but
    "ASEAN" are the known names, not a new programme."""
    inside = [(s, e) for s, e in spans if start <= s and e <= end]
    if not inside:
        return False
    rest = list(text[start:end])
    for s, e in inside:
        rest[s - start : e - start] = " " * (e - s)
    words = [t.lower for t in tokenize("".join(rest)) if t.type == "word"]
    return all(w == "asean" or w in LEADING_NOISE or w in CONNECTORS for w in words)


def _describe(
    candidate: Candidate,
    matcher: Matcher,
    known_keys: dict[str, Entry],
    canon: dict[frozenset[str], Entry],
    work_plans: dict[tuple[int, int], Entry],
) -> None:
    partners = [p for p in _partners_in(candidate.name, matcher) if p.category != "asean_body"]
    candidate.partner_ids = list(dict.fromkeys(p.id for p in partners))
    period = PERIOD.search(candidate.name)
    if period:
        candidate.period_start, candidate.period_end = int(period.group(1)), int(period.group(2))
    years = [int(y) for y in YEAR.findall(candidate.name)]
    if candidate.kind == "work_plan" and partners:
        candidate.work_plan_partner_id = partners[0].id
        candidate.work_plan_year = years[0] if years else None
    same = canon.get(canonical_words(candidate.name))
    if same is not None:
        candidate.suggested_merge_id, candidate.suggested_merge_name = same.id, same.name
        candidate.merge_reason = "the same words in another order or spelling"
        return
    if candidate.work_plan_partner_id and candidate.work_plan_year:
        plan = work_plans.get((candidate.work_plan_partner_id, candidate.work_plan_year))
        if plan is not None:
            candidate.suggested_merge_id, candidate.suggested_merge_name = plan.id, plan.name
            candidate.merge_reason = "the same partner's work plan for the same year"
