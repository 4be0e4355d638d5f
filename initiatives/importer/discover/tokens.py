"""Tokens and runs: a paragraph cut into words, brackets and dashes, and the runs of
capitalised words (with "of", "for", "and", "the" ... between them) that may be titles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..matcher import is_acronym
from .vocabulary import (
    ABBREVIATION_END,
    CONNECTORS,
    KIND_WORDS,
    LOWER_HEADS,
    NUMERIC,
    ORDINAL,
    PERIOD,
    POSSESSIVE_END,
    PREPOSITIONS,
    TERMS_OF_REFERENCE,
    TOKEN,
)


@dataclass
class Token:
    type: str
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return bool(re.match(r"[A-Z0-9]|[a-z]{1,2}-[A-Z]", self.text))


@dataclass
class Run:
    words: list[Token] = field(default_factory=list)
    acronym: str = ""
    period: str = ""
    suffix: list[Token] = field(default_factory=list)
    lower_head: str = ""


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group(0)
        if kind == "word" and value.endswith(".") and not ABBREVIATION_END.search(value):
            tokens.append(Token("word", value[:-1], m.start(), m.end() - 1))
            tokens.append(Token("other", ".", m.end() - 1, m.end()))
            continue
        if kind == "other" and value == "&":
            kind = "word"
        tokens.append(Token(kind, value, m.start(), m.end()))
    return _join_spaced_hyphens(tokens)


def _join_spaced_hyphens(tokens: list[Token]) -> list[Token]:
    """ "ASEAN - Japan" is the compound "ASEAN-Japan" written with stray spaces."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (
            t.type == "word"
            and i + 2 < len(tokens)
            and tokens[i + 1].type == "dash"
            and tokens[i + 2].type == "word"
            and tokens[i + 2].capitalised
            and t.capitalised
            and ("ASEAN" in (t.text, tokens[i + 2].text.split("-")[0]))
        ):
            nxt = tokens[i + 2]
            out.append(Token("word", f"{t.text}-{nxt.text}", t.start, nxt.end))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def runs(tokens: list[Token]) -> list[Run]:
    """The runs of capitalised words in `tokens`, each with its bracketed acronym or period,
    a dashed suffix ("... - Phase II") and a lower-case head ("... initiative")."""
    return _Scanner(tokens).scan()


class _Scanner:
    """Reads tokens left to right, growing one run at a time; `close` ends the current run."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.found: list[Run] = []
        self.run = Run()
        self.pending: list[Token] = []  # connectors waiting for the next capitalised word

    def close(self) -> None:
        if self.run.words:
            self.found.append(self.run)
        self.run, self.pending = Run(), []

    def scan(self) -> list[Run]:
        i = 0
        while i < len(self.tokens):
            tok = self.tokens[i]
            run, pending = self.run, self.pending
            if tok.type == "word":
                self.word(tok, i)
            elif tok.type == "paren" and [w.lower for w in run.words[-3:]] == list(
                TERMS_OF_REFERENCE
            ):
                pass  # "Terms of Reference (ToR) of the X": the name goes on; "ToR" is nobody's
            elif tok.type == "paren" and run.words and not pending:
                self.paren(tok)
            elif tok.type == "dash" and run.words and not pending and head_kind(run.words)[0]:
                j = self.dash(i)
                if j is not None:
                    i = j
                    continue
            else:
                self.close()
            i += 1
        self.close()
        return self.found

    def word(self, tok: Token, i: int) -> None:
        run, pending = self.run, self.pending
        if pending and NUMERIC.match(tok.text):
            self.close()  # "... Ethics in 2023": a date, not part of the name
        elif tok.capitalised and tok.lower not in CONNECTORS:
            run.words.extend(pending)
            self.pending = []
            owner = POSSESSIVE_END.search(tok.text)
            nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            if owner and len(run.words) and not (nxt and nxt.type == "word" and nxt.capitalised):
                # "ASEAN IGNITE's support", "the ASEAN-Japan ICT Fund’s assistance": the
                # name ends before its possessive. "Korea's Indo-Pacific Strategy" (a title
                # follows) stays whole, for strip_leading to judge whose policy it is.
                run.words.append(
                    Token("word", tok.text[: owner.start()], tok.start, tok.start + owner.start())
                )
                self.close()
            else:
                run.words.append(tok)
        elif tok.lower in CONNECTORS and run.words and len(pending) < 2:
            pending.append(tok)
        elif tok.lower in LOWER_HEADS and run.words and not pending:
            run.lower_head = tok.lower
            self.close()
        else:
            self.close()

    def paren(self, tok: Token) -> None:
        inner = tok.text[1:-1].strip()
        if is_acronym(inner):
            self.run.acronym = inner
        elif PERIOD.fullmatch(inner):
            self.run.period = inner
        self.close()

    def dash(self, i: int) -> int | None:
        """A dashed suffix of one to four capitalised words ends the run: the index after it,
        or None when the dash ends the run with nothing taken."""
        following: list[Token] = []
        j = i + 1
        tokens = self.tokens
        while j < len(tokens) and tokens[j].type == "word" and tokens[j].capitalised:
            following.append(tokens[j])
            j += 1
        ends_cleanly = j >= len(tokens) or tokens[j].type != "word" or not tokens[j].capitalised
        if 1 <= len(following) <= 4 and ends_cleanly:
            self.run.suffix = following
            self.close()
            return j
        self.close()
        return None


def head_kind(words: list[Token], lower_head: str = "") -> tuple[str, list[Token]]:
    """(kind, words before the first preposition) of a title, or ("", ...) without a kind head."""
    pre: list[Token] = []
    for w in words:
        if w.lower in PREPOSITIONS:
            break
        pre.append(w)
    if lower_head:
        return KIND_WORDS.get(lower_head, ""), pre
    core = list(pre)
    while core and NUMERIC.match(core[-1].text):
        core.pop()
    if not core:
        return "", pre
    head = core[-1].lower.strip("’'")
    previous = core[-2].lower if len(core) > 1 else ""
    if head == "year" and (not previous or ORDINAL.match(previous) or NUMERIC.match(previous)):
        return "", pre
    if head == "map" and previous == "road":
        return "roadmap", pre
    if head == "plan" and previous == "master":
        return "masterplan", pre
    kind = KIND_WORDS.get(head)
    if kind is None and head.endswith("ies"):
        kind = KIND_WORDS.get(head[:-3] + "y")
    if kind is None and head.endswith("s"):
        kind = KIND_WORDS.get(head[:-1])
    return kind or "", pre
