"""Stage 2 of the importer: clean text -> title block, section headings, numbered paragraphs.

The readers hand over Markdown-like text: blank lines between blocks, emphasis kept as `**`/`*`.
Real statements are messy, so the rules here are about shape, never about particular words:

- a line starting "N." or "N)" begins paragraph N when N is the next number expected;
- any other block continues the current paragraph, unless it looks like a heading: short, not
  ending like a sentence, set in bold, capitals or a Markdown heading, *and* the paragraph before
  it ended like a sentence (a bold fragment after an unfinished sentence is part of it);
- wrapped lines are joined, hyphenated line breaks mended, stray spaces collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PARAGRAPH_START = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(\d{1,3})\s*[.)](?:\*\*|__)?\s+(?=\S)"
)
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# `**bold**`, `__bold__`, `*italic*`, `_italic_`: the markers go, the words stay.
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
SENTENCE_END = re.compile(r"""[.!?;:]["'”’)\]]*$""")
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

    @property
    def sections(self) -> list[str]:
        seen: list[str] = []
        for p in self.paragraphs:
            if p.section and p.section not in seen:
                seen.append(p.section)
        return seen


def clean_inline(text: str) -> str:
    """Drop emphasis markers and collapse whitespace; keep every word and punctuation mark."""
    text = EMPHASIS.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one, mending words hyphenated across a line break."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[a-z]-$", out) and re.match(r"[a-z]", line):
            out = out[:-1] + line  # "develop-" + "ment"
        elif out.endswith("-"):
            out = out + line  # "ASEAN-" + "Japan"
        else:
            out = f"{out} {line}"
    return out


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
    return emphasised or capitals or not ends_sentence


def _blocks(text: str) -> list[list[str]]:
    """Split into blocks at blank lines, and also before any line that starts a numbered item."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.replace("\u00a0", " ").strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if current and PARAGRAPH_START.match(line):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def split_statement(text: str) -> SplitStatement:
    result = SplitStatement()
    section = ""
    expected = None  # the number the next paragraph must carry
    for block in _blocks(text):
        raw = "\n".join(block)
        first = block[0]
        match = PARAGRAPH_START.match(first)
        number = int(match.group(1)) if match else None
        starts_paragraph = number is not None and (
            (expected is None and number <= 3) or number == expected
        )
        if starts_paragraph:
            body = [first[match.end() :], *block[1:]]
            result.paragraphs.append(
                ParsedParagraph(number=number, text=clean_inline(join_lines(body)), section=section)
            )
            expected = number + 1
            continue
        joined = clean_inline(join_lines([MD_HEADING.sub("", line) for line in block]))
        if not joined:
            continue
        if not result.paragraphs:
            result.preamble.append(joined)
            continue
        current = result.paragraphs[-1]
        previous_finished = SENTENCE_END.search(current.text) is not None
        if previous_finished and _looks_like_heading(raw, joined):
            section = joined.rstrip(":").strip()
            continue
        current.text = clean_inline(join_lines([current.text, joined]))
    if result.preamble:
        result.title = result.preamble[0]
    return result
