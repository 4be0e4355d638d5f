"""Search: how a query is read, and where it is looked for.

A query is read as *concepts*. Each word is one, and so is each phrase a search synonym knows
("artificial intelligence") or that the user put in quotes. A concept matches when any of its
spellings does (the words typed, and the synonyms of that term); every concept must match.

A spelling matches at the start of a word, never inside one: "AI" does not match "Repair".
Words of four characters or fewer (AI, CERT, data, 5G) must be whole words, give or take a
plural "s"; longer ones also match the words they begin ("cyber" finds "cybersecurity").

The same reading serves the initiative list's text filter, the search page (initiatives,
statement paragraphs, partners) and the topic rules, so that all three agree on what a word
matches. On PostgreSQL paragraphs are searched with full-text search (ranked, with highlighted
snippets); other databases get the same matches through regular expressions and a ranking and
snippet made in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Up to this many characters a word must be matched whole (acronyms, "data", "5G").
WHOLE_WORD_MAX = 4
# The longest synonym phrase looked for in a query, in words.
LONGEST_PHRASE = 4
QUERY_WORD = re.compile(r'"[^"]+"|[^\s"]+')
EDGE_PUNCTUATION = "\"'.,;:!?()[]{}“”‘’"


@dataclass(frozen=True)
class Concept:
    """One thing the user looks for, under every spelling that counts as a match."""

    typed: str
    spellings: tuple[str, ...]


def _clean(word: str) -> str:
    return word.strip(EDGE_PUNCTUATION)


def read_query(query: str, synonyms: dict[str, list[str]] | None = None) -> list[Concept]:
    """The concepts of a query: quoted phrases and known synonym phrases stay together.

    `synonyms` maps a casefolded term to what else it finds (see load_synonyms).
    """
    synonyms = synonyms or {}
    tokens: list[tuple[str, bool]] = []  # (text, quoted)
    for raw in QUERY_WORD.findall(query or ""):
        if raw.startswith('"') and raw.endswith('"') and len(raw) > 1:
            phrase = " ".join(raw[1:-1].split())
            if phrase:
                tokens.append((phrase, True))
        elif word := _clean(raw):
            tokens.append((word, False))
    concepts: list[Concept] = []
    at = 0
    while at < len(tokens):
        text, quoted = tokens[at]
        taken = 1
        if not quoted:
            # The longest run of plain words that a synonym row knows as one term.
            for size in range(min(LONGEST_PHRASE, len(tokens) - at), 1, -1):
                run = tokens[at : at + size]
                if any(q for _, q in run):
                    continue
                phrase = " ".join(t for t, _ in run)
                if phrase.casefold() in synonyms:
                    text, taken = phrase, size
                    break
        spellings = [text]
        for other in synonyms.get(text.casefold(), []):
            if other.casefold() not in {s.casefold() for s in spellings}:
                spellings.append(other)
        concepts.append(Concept(typed=text, spellings=tuple(spellings)))
        at += taken
    return concepts


def load_synonyms() -> dict[str, list[str]]:
    """The admins' synonym table (Django admin › Search synonyms), keyed by casefolded term."""
    from .models import SearchSynonym

    return {row.term.strip().casefold(): row.equivalent_list for row in SearchSynonym.objects.all()}


def concepts_for(query: str) -> list[Concept]:
    return read_query(query, load_synonyms())


# ---------------------------------------------------------------------------------------------
# Regular expressions: Python's (SQLite runs Python's re) and PostgreSQL's
# ---------------------------------------------------------------------------------------------
def _escape(word: str) -> str:
    """Escape for both dialects: a backslash before anything but a letter or digit."""
    return "".join(c if c.isalnum() else "\\" + c for c in word)


def _is_whole_word(word: str) -> bool:
    return len(word) <= WHOLE_WORD_MAX or not word[-1].isalnum()


def spelling_pattern(spelling: str, *, postgres: bool = False) -> str:
    """A regular expression for one spelling: from the start of a word, whole when short.

    PostgreSQL writes word boundaries as \\m (start) and \\M (end); Python as \\b.
    """
    words = spelling.split()
    if not words:
        return ""
    start, end = (r"\m", r"\M") if postgres else (r"\b", r"\b")
    gap = r"[[:space:]-]+" if postgres else r"[\s-]+"
    body = gap.join(_escape(w) for w in words)
    if words[0][0].isalnum():
        body = start + body
    if words[-1][-1].isalnum() and _is_whole_word(words[-1]):
        body += "s?" + end
    return body


def concept_pattern(concept: Concept, *, postgres: bool = False) -> str:
    parts = [spelling_pattern(s, postgres=postgres) for s in concept.spellings]
    return "|".join(f"(?:{p})" for p in parts if p)


def concept_regex(concept: Concept) -> re.Pattern:
    return re.compile(concept_pattern(concept), re.IGNORECASE)


def phrases_match(phrases: Iterable[str], texts: Iterable[str]) -> bool:
    """Whether any of the phrases occurs in any of the texts (as a search would find it).

    The topic rules use it: a keyword suggests its topic when a name or alias contains it.
    """
    spellings = tuple(p.strip() for p in phrases if p.strip())
    if not spellings:
        return False
    pattern = concept_regex(Concept(typed=spellings[0], spellings=spellings))
    return any(pattern.search(text or "") for text in texts)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def concept_q(concept: Concept, fields: Sequence[str]) -> Q:
    """Rows where any of the fields matches the concept (case-insensitively)."""
    pattern = concept_pattern(concept, postgres=_postgres())
    return reduce(or_, (Q(**{f"{field}__iregex": pattern}) for field in fields))


# ---------------------------------------------------------------------------------------------
# Initiatives and partners
# ---------------------------------------------------------------------------------------------
INITIATIVE_FIELDS = ("name", "acronym", "aliases", "description")
PARTNER_FIELDS = ("name", "short_name", "aliases")


def filter_initiatives(queryset: QuerySet, concepts: Sequence[Concept]) -> QuerySet:
    """Initiatives whose names, acronym, aliases, description or topics match every concept."""
    from .models import Topic

    for concept in concepts:
        topics = Topic.initiatives.through.objects.filter(
            initiative=OuterRef("pk"),
            topic__name__iregex=concept_pattern(concept, postgres=_postgres()),
        )
        queryset = queryset.filter(concept_q(concept, INITIATIVE_FIELDS) | Exists(topics))
    return queryset


def filter_partners(queryset: QuerySet, concepts: Sequence[Concept]) -> QuerySet:
    for concept in concepts:
        queryset = queryset.filter(concept_q(concept, PARTNER_FIELDS))
    return queryset


def name_score(names: Iterable[str], concepts: Sequence[Concept]) -> int:
    """How many concepts a record's own names match: those rank above description matches."""
    texts = [n for n in names if n]
    return sum(1 for c in concepts if any(concept_regex(c).search(t) for t in texts))


# ---------------------------------------------------------------------------------------------
# Statement paragraphs
# ---------------------------------------------------------------------------------------------
MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters no statement contains
SNIPPET_WORDS = 32


@dataclass(frozen=True)
class ParagraphHit:
    paragraph: object  # a Paragraph with statement__meeting loaded
    rank: float
    snippet: SafeString


def _marked_html(text: str) -> SafeString:
    """Text with MARK_START/MARK_END around the matches, escaped, the marks made <mark>."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # escaped above; only our own tags added


def _tsquery(concepts: Sequence[Concept]) -> str:
    """A to_tsquery() text: concepts AND-ed, spellings OR-ed, words of a phrase in sequence,
    a long last word as a prefix (as the regular expressions do)."""
    ands = []
    for concept in concepts:
        ors = []
        for spelling in concept.spellings:
            words = [w for w in re.split(r"\W+", spelling) if w]
            if not words:
                continue
            last = words[-1] if _is_whole_word(words[-1]) else words[-1] + ":*"
            ors.append("(" + " <-> ".join([*words[:-1], last]) + ")")
        if ors:
            ands.append("(" + " | ".join(ors) + ")")
    return " & ".join(ands)


def search_paragraphs(concepts: Sequence[Concept], *, limit: int = 20) -> list[ParagraphHit]:
    """Statement paragraphs matching every concept, best first, with a highlighted snippet."""
    from .models import Paragraph

    if not concepts:
        return []
    base = Paragraph.objects.select_related("statement__meeting")
    if _postgres():
        return _search_paragraphs_postgres(base, concepts, limit)
    return _search_paragraphs_python(base, concepts, limit)


def _search_paragraphs_postgres(base, concepts, limit) -> list[ParagraphHit]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    text = _tsquery(concepts)
    if not text:
        return []
    query = SearchQuery(text, search_type="raw", config="english")
    vector = SearchVector("text", weight="A", config="english") + SearchVector(
        "section", weight="B", config="english"
    )
    rows = (
        base.annotate(
            document=vector,
            rank=SearchRank(vector, query),
            snippet=SearchHeadline(
                "text",
                query,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .filter(document=query)
        .order_by("-rank", "-statement__meeting__start_date", "number")[:limit]
    )
    return [ParagraphHit(p, float(p.rank), _marked_html(p.snippet)) for p in rows]


def _search_paragraphs_python(base, concepts, limit) -> list[ParagraphHit]:
    qs = base
    for concept in concepts:
        qs = qs.filter(concept_q(concept, ("text", "section")))
    patterns = [concept_regex(c) for c in concepts]
    hits = []
    for paragraph in qs[:500]:
        # Rank like PostgreSQL's roughly: matches in the text, a little more for the heading.
        count = sum(len(p.findall(paragraph.text)) for p in patterns)
        count += 2 * sum(1 for p in patterns if p.search(paragraph.section or ""))
        rank = count / (1 + len(paragraph.text) / 1000)
        hits.append(ParagraphHit(paragraph, rank, snippet(paragraph.text, patterns)))
    hits.sort(
        key=lambda h: (-h.rank, -(h.paragraph.statement.meeting.start_date or date.min).toordinal())
    )
    return hits[:limit]


def snippet(text: str, patterns: Sequence[re.Pattern], words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of the text around the first match, every match marked."""
    first = min(
        (m.start() for p in patterns if (m := p.search(text))),
        default=0,
    )
    tokens = list(re.finditer(r"\S+", text))
    index = next((i for i, t in enumerate(tokens) if t.end() > first), 0)
    begin = max(0, index - words // 3)
    finish = min(len(tokens), begin + words)
    if not tokens:
        return mark_safe("")
    start, stop = tokens[begin].start(), tokens[finish - 1].end()
    piece = text[start:stop]
    spans = sorted(
        {
            (m.start(), _word_end(piece, m.end()))
            for p in patterns
            for m in p.finditer(piece)
            if m.end() > m.start()
        },
        key=lambda span: (span[0], -span[1]),  # at one start, the longest first
    )
    out, at = [], 0
    for s, e in spans:
        if s < at:
            continue
        out += [piece[at:s], MARK_START, piece[s:e], MARK_END]
        at = e
    out.append(piece[at:])
    marked = "".join(out)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if finish < len(tokens) else ""
    return _marked_html(prefix + marked + suffix)


def _word_end(text: str, at: int) -> int:
    """Where the word containing `at` ends: a prefix match is marked as its whole word."""
    while at < len(text) and text[at].isalnum():
        at += 1
    return at
