"""The one rule that picks: the readers in their order of precedence, each free to overrule
what the readers before it found, under the conditions written here."""

from __future__ import annotations

from datetime import date

from .clause import (
    back_reference_reading,
    described_reading,
    subject_reading,
    that_clause_reading,
)
from .context import Context
from .ends import ends_reading
from .expected import expectation_clause, expected_reading
from .objects import trailing_noun
from .rules import MAX_PHRASE, Classification, NextMeeting, Rule
from .text import mask, sentence_spans
from .verb import governing_verb, verb_reading


def classify_mention(
    text: str,
    span: tuple[int, int],
    spans: list[tuple[int, int]],
    rules: list[Rule],
    *,
    not_before: date | None = None,
    sentences: list[tuple[int, int]] | None = None,
    next_meeting: NextMeeting | None = None,
) -> Classification:
    """Phrase, status and expected date of the mention at `span` of paragraph `text`.

    `spans` are the initiatives named in the paragraph: verbs inside them do not count, and
    they separate the items of a list. `sentences` should be computed with every name protected
    (partners too), so that "U.S." inside a name does not end a sentence.

    Precedence: the governing verb with its object (or, without a verb, the predicate of the
    name as subject); then the name's own predicate when it is the subject of a "that" clause
    (or when the verb said nothing); then a pronoun coming back to it, when nothing specific
    was said; then a clause describing it, when it says more (or the verb was weak); then the
    expected date of its clause; last, an end undone when it belongs to a successor.
    """
    ctx = read_context(text, span, spans, rules, sentences)
    result = Classification()
    focus = ""
    if ctx.verb is not None:
        weak, focus = verb_reading(ctx, result)
    else:
        weak = True
        subject_reading(ctx, result)
    that_clause_reading(ctx, result, focus)
    back_reference_reading(ctx, result, weak)
    described = described_reading(ctx, result, weak)
    expected_reading(expectation_clause(ctx, described), result, not_before, next_meeting)
    ends_reading(ctx.before, result)
    result.phrase = result.phrase[:MAX_PHRASE]
    return result


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
