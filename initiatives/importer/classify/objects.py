"""Reader 2, the object: the words from the governing verb to the mention, cut at its list
item, and a noun right after the mention that says what happens to it ("the DEFA
*negotiations*"). The object outranks the verb: the rules read the whole phrase."""

from __future__ import annotations

import re

from .coordination import CHUNK_END, near_item
from .text import tidy

TRAILING = {
    "negotiation",
    "negotiations",
    "negotiating",
    "study",
    "studies",
    "review",
    "development",
    "implementation",
    "consultations",
    "process",
    "discussions",
    "drafting",
    "finalisation",
    "finalization",
    "operationalisation",
    "operationalization",
    "launch",
    "roll-out",
    "rollout",
    "adoption",
    "endorsement",
    "pilot",
    "establishment",
    "signing",
    "phase",
    "paper",
    "completion",
    "results",
    "edition",
    "activities",
    "operation",
    "operations",
}


def trailing_noun(after: str) -> str:
    """A noun right after the name says what happens to it: "DEFA negotiations", "the ADM 2025
    Mid-Term Review". Up to three words, stopping at punctuation or another name."""
    t = re.match(
        r"^(?:['’]s\b)?\s*(?:\([^()]*\)\s*)?(?:(?:19|20)\d{2}\s+)?((?:[A-Za-z][\w-]*\s*){1,3})",
        after,
    )
    trailing = ""
    if t:
        words = t.group(1).split()
        # Up to the last such noun of the name's own noun phrase: "the X Implementation Paper"
        # is about a paper; "X following the adoption of ..." is not about X's adoption.
        for n, word in enumerate(words):
            if word.lower() in TRAILING:
                trailing = " ".join(words[: n + 1])
            elif not word[0].isupper():
                break
    return trailing


def object_phrase(verb_text: str, between: str) -> str:
    """The verb and the words of the list item that governs the mention."""
    near, contiguous = near_item(between)
    if contiguous:
        return tidy(f"{verb_text}{between}")
    if near and between.startswith(near):
        return tidy(f"{verb_text}{near}")
    chunk_end = CHUNK_END.search(between)
    chunk = between[: chunk_end.start()] if chunk_end else ""
    phrase = tidy(f"{verb_text}{chunk}")
    if near and near.strip() not in chunk:
        phrase = f"{phrase} … {tidy(near)}"
    return phrase
