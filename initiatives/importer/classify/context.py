"""What every reader of the classifier looks at: the paragraph with the other names masked,
the mention's sentence, the words after it, and its governing verb (mention.py reads it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import Rule


@dataclass(frozen=True)
class Context:
    text: str
    start: int
    end: int
    masked: str  # the paragraph with the other names (and their possessives) masked
    s_start: int  # where the mention's sentence starts
    after: str  # masked, from the mention to the end of its sentence
    plain_after: str  # the same words unmasked
    trailing: str  # a noun right after the name ("negotiations")
    rules: list[Rule]
    verb: re.Match | None

    @property
    def verb_text(self) -> str:
        return self.text[self.verb.start() : self.verb.end()] if self.verb else ""

    @property
    def between(self) -> str:
        """The masked words from the governing verb to the mention."""
        return self.masked[self.verb.end() : self.start] if self.verb else ""

    @property
    def before(self) -> str:
        """The masked words of the sentence before the mention."""
        return self.masked[self.s_start : self.start]
