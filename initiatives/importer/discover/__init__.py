"""Stage 4 of the importer: names of initiatives the tracker does not know yet.

A statement names an initiative with a capitalised title whose head noun is a kind word
("ASEAN Cybersecurity Assessment Model (ACAM)", "ASEAN Guide on AI Governance and Ethics",
"ASEAN-EU 2023 Digital Workplan", "the ASEAN Open Data Dictionary initiative"). The scanner here
reads runs of capitalised words (with "of", "for", "on", "and", "the" ... between them), takes
the head noun before the first preposition, and keeps the run when that head is a kind word.
It never proposes what the catalogue already knows (a known initiative or partner, also when
written with brackets or another spacing) and suggests merging into a known initiative when the
new name has the same acronym, the same words in another order, or is the same partner's work
plan for the same year.

Four rooms: vocabulary.py (kind words, small words, patterns), tokens.py (tokens and runs of
capitals), titles.py (judging a run: head, kind, specific or not, lists split at "and the") and
candidates.py (against the catalogue: new or known, partners, period, merge suggestions).
"""

from .candidates import Candidate, canonical_words, discover
from .titles import find_titles
from .tokens import Token, tokenize
from .vocabulary import KIND_WORDS

__all__ = [
    "KIND_WORDS",
    "Candidate",
    "Token",
    "canonical_words",
    "discover",
    "find_titles",
    "tokenize",
]
