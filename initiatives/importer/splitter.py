"""Stage 2 of the importer: clean text -> title block, section headings, numbered paragraphs.

The readers hand over Markdown-like text: blank lines between blocks (or none at all, for PDF
and plain text), emphasis kept as `**`/`*`. Real statements are messy, so the rules here are
about shape, never about particular words:

- a line starting "N." or "N)" begins paragraph N when N is the next number expected (a number
  alone on its line belongs to the line after it; a list numbered "1." throughout is counted);
- any other block continues the current paragraph, unless it looks like a heading: short, not
  ending like a sentence, set in bold, capitals, Title Case or a Markdown heading, *and* the
  paragraph before it ended like a sentence (a bold fragment after an unfinished sentence is
  part of it);
- without blank lines, a Title Case line between a finished sentence and the next numbered
  paragraph is a heading too;
- wrapped lines are joined; a hyphen at a line break is dropped when the document spells the
  word without it elsewhere (or the tail is a plain suffix such as "-ment"), and kept otherwise
  ("people-" + "centred"); stray spaces, list bullets and emphasis markers go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Paragraph numbers run to 1899: four digits from 1900 on are years ("Ethics in" / "2023.").
PARAGRAPH_NUMBER = r"(\d{1,3}|1[0-8]\d\d)"
PARAGRAPH_START = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*"
    + PARAGRAPH_NUMBER
    + r"\s*\\?[.)](?:\*\*|__)?(?:\s+(?=\S)|(?=[A-Z\"“]))"
)
LONE_NUMBER = re.compile(
    r"^\s*(?:\*\*|__)?\s*" + PARAGRAPH_NUMBER + r"\s*\\?[.)]\s*(?:\*\*|__)?\s*$"
)
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# `**bold**`, `__bold__`, `*italic*`, `_italic_`: the markers go, the words stay.
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
SENTENCE_END = re.compile(r"""[.!?;:]["'”’)\]]*$""")
BULLET = re.compile(r"^\s*[•▪◦○●■□➢►‣∙·]\s*")
MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
PAGE_FURNITURE = re.compile(
    r"^\s*(?:page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—])\s*$", re.I
)
# A hyphen followed by a stray space inside a compound ("ASEAN- China", "people- centered"),
# but not a suspended hyphen ("short- and long-term").
STRAY_HYPHEN_SPACE = re.compile(r"\b([A-Za-z]+)- +(?!(?:and|or|to|nor|as)\b)([A-Za-z]+)")
SECTION_ENUMERATOR = re.compile(r"^(?:[A-H]|[IVX]{1,4})[.)]\s+(?=[A-Z])")
# Word endings that never stand alone: "develop-" + "ment" is one word.
SUFFIXES = re.compile(
    r"^(?:ment|tion|sion|ing|ity|ities|ness|ance|ence|ation|ised|ized|ise|ize|ised|ally|al|ly|"
    r"ed|ive|ous|ure|able|ible|ship|ian|ists?|ism|ary|ory|ics|ful|less|ward)"
)
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the"}
SMALL_WORDS |= {"to", "with", "into", "its", "their", "towards", "through", "&", "-", "–"}
MAX_HEADING_WORDS = 14


@dataclass
class ParsedParagraph:
    number: int
    text: str
    section: str = ""


@dataclass
class SplitStatement:
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        seen: list[str] = []
        for p in self.paragraphs:
            if p.section and p.section not in seen:
                seen.append(p.section)
        return seen


def clean_inline(text: str) -> str:
    """Drop emphasis markers and collapse whitespace; keep every word and punctuation mark."""
    # Escaped markers ("\*") are literal: park them where the emphasis rule cannot see them.
    text = text.replace("\\*", "\ue000").replace("\\_", "\ue001")
    text = EMPHASIS.sub("", text)
    text = MD_ESCAPE.sub(r"\1", text).replace("\ue000", "*").replace("\ue001", "_")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,;])", r"\1", text)


def mend_stray_hyphens(text: str, vocabulary: set[str] | None = None) -> str:
    """ "ASEAN- China" -> "ASEAN-China", "people- centred" -> "people-centred" and, where the
    document or the suffix says so, "develop- ment" -> "development"."""

    def mend(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if right[:1].islower() and _drop_break_hyphen(left, right, vocabulary or set()):
            return f"{left}{right}"
        return f"{left}-{right}"

    return STRAY_HYPHEN_SPACE.sub(mend, text)


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Join wrapped lines into one, mending words hyphenated across a line break."""
    out = ""
    previous_bulleted = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        bulleted = bool(BULLET.match(line)) or (
            bool(MD_BULLET.match(line)) and (previous_bulleted or re.search(r"[:;]$", out))
        )
        if bulleted:
            line = MD_BULLET.sub("", BULLET.sub("", line))
        previous_bulleted = bulleted
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out) and re.match(r"[a-z]", line):
            left = re.search(r"([A-Za-z]+)-$", out).group(1)
            right = re.match(r"[a-z]+", line).group(0)
            if _drop_break_hyphen(left, right, vocabulary or set()):
                out = out[:-1] + line  # "develop-" + "ment"
            else:
                out = out + line  # "people-" + "centred"
        elif out.endswith(("-", "/")):
            out = out + line  # "ASEAN-" + "Japan"
        else:
            out = f"{out} {line}"
    return out


def _drop_break_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    joined, hyphenated = f"{left}{right}".casefold(), f"{left}-{right}".casefold()
    if hyphenated in vocabulary:
        return False
    if joined in vocabulary:
        return True
    return len(left) > 3 and SUFFIXES.match(right) is not None


def _vocabulary(text: str) -> set[str]:
    """Every word the document spells on one line, hyphenated compounds included."""
    return {w.casefold() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)}


def _is_title_like(line: str) -> bool:
    """A short line in Title Case, capitals, bold or Markdown heading, not ending a sentence."""
    text = clean_inline(MD_HEADING.sub("", line))
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or SENTENCE_END.search(text.rstrip(":")):
        return False
    if PARAGRAPH_START.match(line):
        return False
    stripped = line.strip()
    if MD_HEADING.match(stripped) or (stripped.startswith("**") and stripped.endswith("**")):
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters or not text[0].isupper() and not SECTION_ENUMERATOR.match(text):
        return False
    if sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    content = [w for w in words if w.casefold() not in SMALL_WORDS]
    capitalised = [w for w in content if w[0].isupper() or w[0].isdigit()]
    return bool(content) and len(capitalised) / len(content) >= 0.75


def _prepare(text: str) -> list[str]:
    """Normalise characters and line ends; give a lone "N." the line that follows it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\t", " ")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    lines = text.split("\n")
    out: list[str] = []
    pending_number = ""
    for line in lines:
        if PAGE_FURNITURE.match(line):
            continue
        if pending_number:
            if not line.replace("\u00a0", " ").strip():
                continue
            out.append(f"{pending_number} {line.strip()}")
            pending_number = ""
            continue
        lone = LONE_NUMBER.match(line)
        if lone:
            pending_number = f"{lone.group(1)}."
            continue
        out.append(line)
    if pending_number:
        out.append(pending_number)
    return out


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split into blocks at blank lines, before any line that starts a numbered item, and around
    a heading line squeezed between a finished sentence and a numbered item."""
    blocks: list[list[str]] = []
    current: list[str] = []

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(current)
            current = []

    for line in lines:
        if not line.replace("\u00a0", " ").strip():
            close()
            continue
        if current and PARAGRAPH_START.match(line):
            headings: list[str] = []
            while (
                len(current) - len(headings) >= 2
                and len(headings) < 2
                and _is_title_like(current[-1 - len(headings)])
            ):
                headings.insert(0, current[-1 - len(headings)])
            before = current[: len(current) - len(headings)]
            if headings and SENTENCE_END.search(clean_inline(before[-1])):
                current = before
                close()
                for heading in headings:
                    blocks.append([heading])
            else:
                close()
        current.append(line)
    close()
    return blocks


def _lazy_numbering(blocks: list[list[str]]) -> bool:
    """True when every numbered item is "1." (Markdown that lets the renderer count)."""
    numbers = [
        int(m.group(1)) for block in blocks if (m := PARAGRAPH_START.match(block[0])) is not None
    ]
    return len(numbers) >= 3 and set(numbers) == {1}


def _heading_text(raw_block: list[str]) -> str:
    text = clean_inline(join_lines([MD_HEADING.sub("", line) for line in raw_block]))
    text = SECTION_ENUMERATOR.sub("", text)
    return text.rstrip(":").strip()


def _looks_like_heading(raw_block: str, text: str) -> bool:
    if not text or len(text.split()) > MAX_HEADING_WORDS:
        return False
    stripped = raw_block.strip()
    emphasised = (
        (stripped.startswith("**") and stripped.rstrip().endswith("**"))
        or (stripped.startswith("__") and stripped.endswith("__"))
        or MD_HEADING.match(stripped) is not None
    )
    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    ends_sentence = SENTENCE_END.search(text) is not None
    if ends_sentence and not (emphasised or capitals):
        return False
    # A bold run that ends like a sentence is a continuation fragment, not a heading.
    if ends_sentence and text.endswith(".") and len(text.split()) > 6:
        return False
    if not (emphasised or capitals) and text[:1].islower():
        return False
    return emphasised or capitals or not ends_sentence


def _ends_sentence(text: str) -> bool:
    return SENTENCE_END.search(text[-40:]) is not None  # the end only: paragraphs grow long


def _append(text: str, block: str, vocabulary: set[str], done: list[str]) -> str:
    """`text` continued by `block`, joined and cleaned as one. Only the last words are cleaned
    again: the words before them are clean already and move to `done`, so that a paragraph
    continued by thousands of blocks costs linear time, not quadratic."""
    cut = text.rfind(" ", 0, max(0, len(text) - 80)) + 1
    while cut > 0 and not text[cut].isalnum():  # a dash or bullet there would read as a list
        cut = text.rfind(" ", 0, cut - 1) + 1
    done.append(text[:cut])
    return mend_stray_hyphens(clean_inline(join_lines([text[cut:], block], vocabulary)), vocabulary)


def _settle(result: SplitStatement, done: list[str]) -> None:
    if done:
        result.paragraphs[-1].text = "".join(done) + result.paragraphs[-1].text
        done.clear()


def split_statement(text: str) -> SplitStatement:
    return _Splitter(text).run()


class _Splitter:
    """Reads the blocks of a statement in order: numbered paragraphs, the lines that continue
    them, headings (sections) and, before the first paragraph, the title block."""

    def __init__(self, text: str) -> None:
        self.result = SplitStatement()
        self.vocabulary = _vocabulary(text)
        self.blocks = _blocks(_prepare(text))
        self.lazy = _lazy_numbering(self.blocks)
        self.section = ""
        self.expected: int | None = None  # the number the next paragraph must carry
        self.restarted, self.offset = False, 0
        self.done: list[str] = []  # the clean start of the last paragraph, while it grows

    def run(self) -> SplitStatement:
        result = self.result
        for block in self.blocks:
            match = PARAGRAPH_START.match(block[0])
            number = self._number(match)
            if self._starts_paragraph(block[0], match, number):
                self._paragraph(block, match, number)
            else:
                self._text(block)
        _settle(result, self.done)
        if self.restarted:
            result.warnings.append(
                "The numbering starts again under each heading; paragraphs are numbered on from "
                "the first (1, 2, 3 ...) so that each number is unique."
            )
        if result.preamble:
            result.title = result.preamble[0]
        return result

    def _number(self, match) -> int | None:
        number = int(match.group(1)) if match else None
        if self.lazy and number == 1:
            number = self.expected or 1
        paragraphs = self.result.paragraphs
        if (
            number == 1
            and self.expected is not None
            and self.expected > 2
            and paragraphs
            and paragraphs[-1].section != self.section
        ):
            # Numbering that starts again under each heading: paragraphs are numbered on, since
            # a statement's paragraph numbers must be unique.
            self.restarted, self.offset = True, self.expected - 1
        if self.restarted and number is not None:
            number += self.offset
        return number

    def _starts_paragraph(self, first: str, match, number: int | None) -> bool:
        expected, paragraphs = self.expected, self.result.paragraphs
        starts = number is not None and ((expected is None and number <= 3) or number == expected)
        if (
            number is not None
            and expected is not None
            and number == expected + 1
            and re.match(r"\s*[A-Z“\"]", first[match.end() :])
            and paragraphs
            and _ends_sentence(paragraphs[-1].text)
        ):
            self.result.warnings.append(
                f"Paragraph {expected} is missing: the numbering jumps to {number}."
            )
            starts = True
        return starts

    def _paragraph(self, block: list[str], match, number: int) -> None:
        _settle(self.result, self.done)
        body = [block[0][match.end() :], *block[1:]]
        text = clean_inline(join_lines(body, self.vocabulary))
        self.result.paragraphs.append(
            ParsedParagraph(
                number=number,
                text=mend_stray_hyphens(text, self.vocabulary),
                section=self.section,
            )
        )
        self.expected = number + 1

    def _text(self, block: list[str]) -> None:
        """A block that starts no paragraph: title block, heading, or more of the paragraph."""
        vocabulary = self.vocabulary
        joined = clean_inline(join_lines([MD_HEADING.sub("", line) for line in block], vocabulary))
        if not joined:
            return
        if not self.result.paragraphs:
            self.result.preamble.append(joined)
            return
        current = self.result.paragraphs[-1]
        if _ends_sentence(current.text) and _looks_like_heading("\n".join(block), joined):
            self.section = _heading_text(block)
            return
        current.text = _append(current.text, joined, vocabulary, self.done)
