"""The HTML reader: a page saved from a website -> Markdown-like text of its main content."""

from __future__ import annotations

import re

from .document import Document
from .errors import ImportRefused

DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "button",
]
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "li",
    "dd",
    "dt",
    "tr",
    "table",
    "figure",
    "figcaption",
    "address",
    "center",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BR = object()  # a <br> inside a block: the one line break HTML keeps


def read_html(text: str) -> Document:
    """A page saved from a website: the main content, with ordered lists numbered as written."""
    from bs4 import BeautifulSoup

    elements = len(START_TAG.findall(text))
    if elements > MAX_ELEMENTS:
        raise ImportRefused(
            ImportRefused.TOO_LARGE,
            f"This HTML page has {elements:,} elements; the importer reads pages of up to "
            f"{MAX_ELEMENTS:,}, plenty for a statement with the site around it. Save the "
            "statement's page alone, or paste its text.",
        )
    soup = BeautifulSoup(text, "lxml")
    _check_depth(soup)
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    _drop_boilerplate(soup)
    root = _main_content(soup)
    out: list[str] = []
    _html_blocks(root, out)
    body = "\n\n".join(block for block in (b.strip() for b in out) if block)
    metadata = {"title": title} if title else {}
    return Document(text=body, format="html", metadata=metadata)


# Saved web pages nest their elements a few dozen deep (the reader walks the tree recursively)
# and hold a few thousand of them; reading takes a second per 10,000 or so.
MAX_DEPTH = 150
MAX_ELEMENTS = 30_000
START_TAG = re.compile(r"<[A-Za-z]")


def _check_depth(soup) -> None:
    """Refuse markup nested deeper than MAX_DEPTH (measured without recursion)."""
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportRefused(
                ImportRefused.UNSUPPORTED,
                f"This HTML nests its elements more than {MAX_DEPTH} deep, which no statement "
                "page does: it is refused. Save the page again, or paste the statement's text.",
            )
        stack.extend((child, depth + 1) for child in getattr(node, "contents", ()) if child.name)


BOILERPLATE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|sidebar|footer|header|breadcrumbs?|share|sharing|"
    r"social|related|comments?|cookies?|banner|widget|subscribe|newsletter|skip)(?:$|[-_\s])",
    re.I,
)


def _drop_boilerplate(soup) -> None:
    """Menus, sidebars, share bars and "related posts" of a saved page: they may hold numbered
    lists that would pass for paragraphs. A block holding most of the text always stays."""
    total = len(soup.get_text()) or 1
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marks = " ".join([*tag.get("class", []), tag.get("id") or "", tag.get("role") or ""])
        if BOILERPLATE.search(marks) and len(tag.get_text()) < 0.3 * total:
            tag.decompose()


def _main_content(soup):
    candidates = soup.find_all(["main", "article"]) + soup.find_all(attrs={"role": "main"})
    if candidates:
        return max(candidates, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


def _inline_text(node) -> str:
    from bs4 import NavigableString

    if isinstance(node, NavigableString):
        parts = [str(node)]
    else:
        parts = []
        for child in node.descendants:
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif child.name == "br":
                parts.append("\n")
    return "".join(parts)


def _is_all_bold(nodes: list) -> bool:
    from bs4 import NavigableString

    seen_text = False
    for node in nodes:
        if node is _BR:
            continue
        if isinstance(node, NavigableString):
            if node.strip():
                return False
            continue
        text = node.get_text().strip()
        if not text:
            continue
        seen_text = True
        if node.name in ("strong", "b"):
            continue
        if not _is_all_bold(list(node.children)):
            return False
    return seen_text


def _html_blocks(tag, out: list[str]) -> None:
    """Walk the tree; every block-level element becomes its own block of text."""
    from bs4 import NavigableString, Tag

    inline: list = []

    def flush() -> None:
        if not inline:
            return
        # <br> is the only line break inside a block; other whitespace collapses as in a browser.
        raw = "".join("\x00" if node is _BR else _inline_text(node) for node in inline)
        raw = raw.replace("\n", " ").replace("\x00", "\n")
        text = "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip()
        if text:
            out.append(f"**{text}**" if _is_all_bold(inline) else text)
        inline.clear()

    for child in tag.children:
        if isinstance(child, NavigableString):
            inline.append(child)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in HEADING_TAGS:
            flush()
            text = " ".join(_inline_text(child).split())
            if text:
                out.append(f"## {text}")
        elif name in ("ol", "ul"):
            flush()
            try:
                number = int(child.get("start", 1))
            except ValueError:
                number = 1
            for item in child.find_all("li", recursive=False):
                parts: list[str] = []
                _html_blocks(item, parts)
                text = " ".join(" ".join(p.split()) for p in parts if p.strip())
                if name == "ol":
                    out.append(f"{number}. {text}")
                    number += 1
                elif text:
                    out.append(f"- {text}")
        elif name in BLOCK_TAGS or child.find(list(BLOCK_TAGS | HEADING_TAGS | {"ol", "ul"})):
            flush()
            _html_blocks(child, out)
        elif name == "br":
            inline.append(_BR)
        else:
            inline.append(child)
    flush()
