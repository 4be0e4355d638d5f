"""What every reader of the classifier looks at: the paragraph with the other names masked,
the mention's sentence, the words after it, and its governing verb."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .objects import trailing_noun
from .rules import Rule
from .text import mask, sentence_spans
from .verb import governing_verb


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


def read_context(
    text: str,
    span: tuple[int, int],
    spans: list[tuple[int, int]],
    rules: list[Rule],
    sentences: list[tuple[int, int]] | None,
) -> Context:
    start, end = span
    # A possessive belongs to the name it follows ("the X Fund's assistance"): masked with it.
    others = [
        (s, e + 2 if text[e : e + 2] in ("'s", "’s") else e) for s, e in spans if (s, e) != span
    ]
    masked = mask(text, others)
    sentences = sentences or sentence_spans(text, spans)
    s_start, s_end = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
    after = masked[end:s_end]
    return Context(
        text=text,
        start=start,
        end=end,
        masked=masked,
        s_start=s_start,
        after=after,
        plain_after=text[end:s_end],
        trailing=trailing_noun(after),
        rules=rules,
        verb=governing_verb(masked, s_start, start),
    )
