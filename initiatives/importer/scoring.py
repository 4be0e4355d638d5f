"""How well the importer reads statements, against a gold file written by people.

The gold file (JSON, documented in docs/importer.md) lists, for each statement file, the
initiatives the statement names and the status it says of each, as a secretariat would sign it:

    {"version": 1,
     "statements": {
       "1st-adgmin-2021.md": {
         "meeting": {"series": "ADGMIN", "number": 1, "start_date": "2021-01-21"},
         "initiatives": [
           {"name": "ASEAN Digital Masterplan 2025", "aliases": ["ADM 2025"],
            "status": "adopted", "expected": ""},
           ...]}}}

One row per initiative and statement: when a statement names an initiative in several
paragraphs, the status that counts is the furthest along said of it (an end outranking the
rest), as the status engine reads one meeting. Names match when any spelling of the gold item
(name or alias) folds to any spelling of the proposed initiative (its name, acronym and, for a
known initiative, every alias in the catalogue).

- mention recall: gold initiatives the proposal names / gold initiatives;
- precision: proposed initiatives that are in the gold / proposed initiatives;
- status agreement: matched initiatives whose status is the gold status / matched initiatives;
- discovery recall: gold initiatives the catalogue does not know that the proposal offers as
  new initiatives / gold initiatives the catalogue does not know;
- expected agreement (where the gold says "expected"): the proposal's expected words fold to
  the gold's ("" when no date may be set, such as ADM 2030's period 2026-2030).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tracker.text import normalise

from ..status import furthest
from .proposal import MERGE, REJECT, Proposal, Target

GOLD_VERSION = 1


@dataclass
class Proposed:
    """One initiative as the proposal names it, over all its paragraphs."""

    name: str
    names: frozenset[str]
    known: bool
    status: str = ""
    expected: str = ""
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Score:
    file: str
    meeting: str = ""
    gold: int = 0
    proposed: int = 0
    matched: int = 0
    status_agreed: int = 0
    undiscovered: int = 0  # gold items the catalogue does not know
    discovered: int = 0
    expected_checked: int = 0
    expected_agreed: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return (self.proposed - len(self.extra)) / self.proposed if self.proposed else 1.0

    @property
    def status_agreement(self) -> float:
        return self.status_agreed / self.matched if self.matched else 1.0

    @property
    def discovery_recall(self) -> float:
        return self.discovered / self.undiscovered if self.undiscovered else 1.0

    @property
    def expected_agreement(self) -> float:
        return self.expected_agreed / self.expected_checked if self.expected_checked else 1.0

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "proposed",
            "matched",
            "status_agreed",
            "undiscovered",
            "discovered",
            "expected_checked",
            "expected_agreed",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.extra.extend(other.extra)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "meeting": self.meeting,
            "gold": self.gold,
            "proposed": self.proposed,
            "matched": self.matched,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "status_agreement": round(self.status_agreement, 4),
            "discovery_recall": round(self.discovery_recall, 4),
            "expected_agreement": round(self.expected_agreement, 4),
            "missed": self.missed,
            "extra": self.extra,
            "disagreements": self.disagreements,
            "error": self.error,
        }


def folded(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (normalise(n) for n in names if n) if k)


def proposed_initiatives(
    proposal: Proposal, known_names: Callable[[int], Iterable[str]] = lambda pk: ()
) -> list[Proposed]:
    """The initiatives a proposal names, one per initiative, with the furthest status said.

    `known_names(pk)` gives every spelling the catalogue holds for a known initiative.
    """
    out: dict[tuple[str, str], Proposed] = {}
    for mention in proposal.mentions:
        if not mention.keep:
            continue
        found = _named(proposal, mention.target, known_names)
        if found is None:
            continue
        key, name, known, names = found
        row = out.get(key)
        if row is None:
            row = out[key] = Proposed(name=name, names=folded(names), known=known)
        best = furthest([row.status, mention.status or ""])
        if best != row.status:
            row.status = best
        if mention.expected_text and not row.expected:
            row.expected = mention.expected_text
        row.paragraphs.append(mention.paragraph)
    return list(out.values())


def _named(proposal: Proposal, target: Target, known_names):
    """(key, name, known, spellings) of what a mention names once decisions apply; None when
    its candidate is rejected."""
    if target.known:
        return ("i", str(target.id)), target.name, True, {target.name, *known_names(target.id)}
    candidate = proposal.candidate(target.key)
    if candidate is None or candidate.action == REJECT:
        return None
    if candidate.action == MERGE and candidate.merge_into:
        name = candidate.merge_into_name or candidate.name
        names = {name, candidate.name, *known_names(candidate.merge_into)}
        return ("i", str(candidate.merge_into)), name, True, names
    return ("c", target.key), candidate.name, False, {candidate.name, candidate.acronym or ""}


def score_statement(
    file: str,
    gold: dict,
    proposal: Proposal,
    *,
    known_names: Callable[[int], Iterable[str]] = lambda pk: (),
    catalogue_names: frozenset[str] = frozenset(),
) -> Score:
    """Score one statement's proposal against its gold entry."""
    meeting = proposal.meeting
    score = Score(file=file, meeting=f"{meeting.series} {meeting.number or '?'}")
    proposed = proposed_initiatives(proposal, known_names)
    score.proposed = len(proposed)
    used: set[int] = set()
    for item in gold.get("initiatives", []):
        spellings = folded([item["name"], *item.get("aliases", [])])
        score.gold += 1
        found = next(
            (n for n, p in enumerate(proposed) if n not in used and p.names & spellings), None
        )
        row = proposed[found] if found is not None else None
        # Known to the tracker: under a gold spelling, or under another one that the proposal
        # merged the name into (the same partner's work plan for the same year, ...).
        in_catalogue = bool(spellings & catalogue_names) or (row is not None and row.known)
        if not in_catalogue:
            score.undiscovered += 1
        if row is None:
            score.missed.append(item["name"])
            continue
        used.add(found)
        score.matched += 1
        if not in_catalogue:
            score.discovered += 1
        want = item.get("status") or ""
        if row.status == want:
            score.status_agreed += 1
        else:
            score.disagreements.append(
                f"{item['name']}: {row.status or 'no status'} (gold: {want or 'no status'})"
            )
        if "expected" in item:
            score.expected_checked += 1
            if normalise(row.expected or "") == normalise(item["expected"] or ""):
                score.expected_agreed += 1
            else:
                score.disagreements.append(
                    f"{item['name']}: expected {row.expected or 'nothing'!r} "
                    f"(gold: {item['expected'] or 'nothing'!r})"
                )
    score.extra = [p.name for n, p in enumerate(proposed) if n not in used]
    return score


def total(scores: list[Score]) -> Score:
    overall = Score(file="overall")
    for s in scores:
        overall.add(s)
    return overall
