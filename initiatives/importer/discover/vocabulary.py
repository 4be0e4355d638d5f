"""The discoverer's vocabulary: the kind words that head a title, the small words between
its capitals, and the patterns of years, periods and tokens (tokens.py's `head_kind` reads a
title's head with them)."""

from __future__ import annotations

import re

KIND_WORDS = {
    "framework": "framework",
    "guide": "guide",
    "guidelines": "guide",
    "guideline": "guide",
    "recommendations": "guide",
    "checklist": "guide",
    "deliverables": "work_plan",
    "budget": "work_plan",
    "portal": "mechanism",
    "observatory": "centre",
    "scheme": "programme",
    "drill": "programme",
    "statement": "declaration",
    "paper": "study",
    "guidance": "guide",
    "handbook": "guide",
    "toolkit": "guide",
    "playbook": "guide",
    "principles": "guide",
    "roadmap": "roadmap",
    "plan": "work_plan",
    "workplan": "work_plan",
    "masterplan": "masterplan",
    "blueprint": "masterplan",
    "strategy": "strategy",
    "agenda": "strategy",
    "vision": "strategy",
    "agreement": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
    "protocol": "agreement",
    "memorandum": "agreement",
    "mou": "agreement",
    "mechanism": "mechanism",
    "fund": "mechanism",
    "clauses": "mechanism",
    "model": "model",
    "index": "index",
    "programme": "programme",
    "program": "programme",
    "project": "programme",
    "initiative": "programme",
    "partnership": "programme",
    "instrument": "programme",
    "facility": "programme",
    "series": "programme",
    "award": "programme",
    "awards": "programme",
    "academy": "programme",
    "campaign": "programme",
    "network": "network",
    "centre": "centre",
    "center": "centre",
    "hub": "centre",
    "declaration": "declaration",
    "report": "study",
    "study": "study",
    "survey": "study",
    "assessment": "study",
    "forum": "forum",
    "dialogue": "forum",
    "sandbox": "programme",
    "platform": "mechanism",
    "code": "guide",
    # A themed year ("ASEAN-China Year of Digital Innovation") is run as a programme of events;
    # an anniversary ("the 50th Year of ...") is not: see _head.
    "year": "programme",
}
# Heads written in lower case after a capitalised name: "the ASEAN Open Data Dictionary initiative".
LOWER_HEADS = {"initiative", "programme", "program", "project"}
CONNECTORS = {"of", "for", "on", "and", "the", "in", "to", "&", "through", "with", "between"}
PREPOSITIONS = {"of", "for", "on", "in", "to", "through", "with", "between"}
LEADING_NOISE = {
    "the",
    "a",
    "an",
    "this",
    "these",
    "that",
    "further",
    "furthermore",
    "moreover",
    "additionally",
    "also",
    "as",
    "in",
    "under",
    "through",
    "meanwhile",
    "however",
    "finally",
    "lastly",
    "both",
    "such",
    "its",
    "their",
    "our",
    "all",
    "other",
    "new",
    "recent",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "and",
    "of",
    "for",
    "on",
    "to",
    "with",
}
# Words that alone do not make a title specific ("Digital Work Plan" is no initiative's name).
WEAK_WORDS = {
    "media",
    "press",
    "chairman's",
    "chairman’s",
    "chair's",
    "chair’s",
    "ministerial",
    "digital",
    "work",
    "action",
    "joint",
    "regional",
    "national",
    "annual",
    "new",
    "implementation",
    "cooperation",
    "excellence",
    "excellences",
    "the",
    "master",
    "road",
    "map",
}
# Words that say where a known initiative stands: "the ADM 2025 Completion Report", "the DEFA
# Final Report" are the known initiative with a stage (classification reads the stage).
STAGE_WORDS = {"completion", "final", "progress", "mid-term", "midterm", "review", "evaluation"}
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$", re.I)
NUMERIC = re.compile(r"^(?:\(?(?:19|20)\d{2}(?:[-–](?:19|20)\d{2})?\)?|\d+(?:\.\d+)*)$")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_L = "0-9A-Za-zÀ-ÖØ-öø-ÿ"
WORD = rf"[{_L}](?:[{_L}'’&+]|(?:\.[-–]|[.\-/–])(?=[{_L}]))*\.?"
TOKEN = re.compile(
    rf"(?P<paren>\([^()]{{1,80}}\))|(?P<word>{WORD})|(?P<dash>\s*[-–—]\s+|\s+[-–—]\s*)|(?P<other>\S)"
)
ABBREVIATION_END = re.compile(r"(?:^|[-–])(?:[A-Za-z]\.){2,}$")
# A programme known by a name in capitals: "ASEAN IGNITE", "ASEAN DIGIHUB", "DIGITAL ASEAN".
CAPITALS_WORD = re.compile(r"[A-Z]{4,}")
ASEAN_WORD = re.compile(r"^ASEAN(?:[-–][A-Z][\w.]*)?$|^[A-Z][\w.]*[-–]ASEAN$")
TERMS_OF_REFERENCE = ("terms", "of", "reference")
POSSESSIVE_END = re.compile(r"['’]s$")
POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|her|our)\s+$", re.I)

# Words that may follow a name without making it a modifier: "ASEAN IGNITE was launched".
NOT_A_NOUN = {
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "shall", "can", "may",
    "which", "that", "who", "to", "as", "at", "by", "from", "into", "since", "until", "being",
}  # fmt: skip
