"""Successions and ends: corrections that keep an end ("superseded", "discontinued") for
the initiative it happened to, not its successor or a succession still to come."""

from __future__ import annotations

import re

from .rules import Classification

ENDS = ("discontinued", "superseded")


FUTURE_SUCCESSION = re.compile(
    r"\b(?:will|would|shall|to)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:succeeded|replaced|superseded)\b",
    re.I,
)


SUCCESSOR_BEFORE = re.compile(
    r"\b(?:succeeded|replaced|superseded|followed)\s+by\s+(?:the\s+|its\s+|a\s+|an\s+)?$",
    re.I,
)
# Words that say the successor is still ahead: its predecessor has not ended yet.
STILL_AHEAD = re.compile(
    r"\b(?:launch|develop|draft|prepar|conduct|undertak|commission|initiat|start|begin|look|"
    r"upcoming|ongoing|on-going|progress|will|to be)\w*",
    re.I,
)


def ends_reading(before: str, result: Classification) -> None:
    """Undo an end that did not happen to this mention (`before`: its sentence up to it)."""
    if (
        result.status == "superseded"
        and "successor" in result.rule
        and STILL_AHEAD.search(result.phrase.split("successor")[0])
    ):
        # "agreed to begin the development of X as the successor to Y": Y runs on until X is
        # adopted; nothing is superseded yet.
        result.status, result.rule = "", ""
    if result.status == "superseded" and FUTURE_SUCCESSION.search(result.phrase):
        # "Y will be succeeded by X in 2026": still Y's time.
        result.status, result.rule = "", ""
    if result.status in ENDS and SUCCESSOR_BEFORE.search(before):
        # "X was succeeded by Y": Y is the successor, its own initiative; nothing ended for it.
        result.status, result.rule = "", ""
