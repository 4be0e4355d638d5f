"""Stage 1 of the importer: a file's bytes -> clean text with paragraph breaks.

One reader per format; `read_document` checks the size, recognises the format from the bytes
(the file name only breaks ties) and hands back a `Document` whose `text` is Markdown-like:
blocks separated by blank lines, numbered paragraphs as "N. ...", headings as "## ..." or
"**...**". `original` is what the tracker stores verbatim: the decoded file for text formats,
the extracted text for PDF and Word.

Encoding (text formats): a byte-order mark or a declared charset (HTML meta, XML declaration, an
explicit choice by the officer) is obeyed; otherwise valid UTF-8 is UTF-8. A file that contains
UTF-8 sequences *and* bytes that are not UTF-8, or that declares UTF-8 and is not, is refused
rather than guessed: guessing would silently turn every accented name into mojibake. A file
with no UTF-8 sequences at all is a legacy 8-bit file, decoded with the encoding that
charset-normalizer detects (Windows-1252 when it fits as well as any other).
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import yaml
from django.conf import settings

from .errors import ImportRefused

FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n---\s*\n", re.DOTALL)
TEXT_FORMATS = {"markdown", "html", "text"}
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|body|head|p|div|ol|li|h[1-6]|article)\b", re.I
)
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_CHARSET = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Lines a PDF repeats as page furniture: "3", "- 3 -", "Page 3 of 7".
PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,3})?\s*$", re.I
)
MIN_TEXT_CHARS_PER_PAGE = 20
# Single-byte code pages for scripts other than Latin, and multi-byte Asian encodings.
NON_LATIN_CODEPAGES = (
    "cp1251",
    "cp1253",
    "cp1255",
    "cp1256",
    "cp866",
    "cp874",
    "koi8",
    "iso8859_5",
    "iso8859_7",
    "iso8859_8",
    "iso8859_6",
    "tis",
    "big5",
    "gb",
    "hz",
    "shift_jis",
    "euc",
    "iso2022",
    "johab",
    "utf",
)


@dataclass
class Document:
    text: str
    format: str
    metadata: dict = field(default_factory=dict)
    original: str = ""
    encoding: str = ""

    def __post_init__(self) -> None:
        if not self.original:
            self.original = self.text


# ----------------------------------------------------------------------------------------------
# Entry point
# ----------------------------------------------------------------------------------------------


def read_document(
    data: bytes,
    *,
    filename: str = "",
    encoding: str = "",
    max_bytes: int | None = None,
) -> Document:
    """Read an uploaded or pasted statement; raise ImportRefused with a message when we cannot."""
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ImportRefused(
            ImportRefused.TOO_LARGE,
            f"The file is {_size(len(data))}; statements larger than {_size(limit)} are "
            "refused. Split off annexes, or ask an admin to raise IMPORT_MAX_BYTES.",
        )
    if not data.strip():
        raise ImportRefused(ImportRefused.EMPTY, "The file is empty: there is nothing to import.")
    kind = detect_format(data, filename)
    if kind == "pdf":
        return read_pdf(data)
    if kind == "docx":
        return read_docx(data)
    text, used = decode_text(data, declared=encoding or _declared_charset(data))
    if kind == "sniff":
        kind = sniff_text_format(text)
    reader = {"markdown": read_markdown, "html": read_html, "text": read_text}[kind]
    document = reader(text)
    document.original = text
    document.encoding = used
    if not document.text.strip():
        raise ImportRefused(ImportRefused.EMPTY, "The file has no text in it: nothing to import.")
    return document


def detect_format(data: bytes, filename: str = "") -> str:
    """ "pdf", "docx", "markdown", "html", "text", or "sniff" (decide after decoding)."""
    head = data[:1024]
    ext = PurePath(filename or "").suffix.lower()
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise ImportRefused(
            ImportRefused.UNSUPPORTED,
            "This is a ZIP archive, not a Word (.docx) document. Upload the statement itself.",
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            ImportRefused.UNSUPPORTED,
            "This is an old Word 97-2003 (.doc) file. Save it as .docx or PDF and upload that.",
        )
    if ext == ".pdf":
        raise ImportRefused(ImportRefused.BAD_PDF, "This file is named .pdf but is not a PDF.")
    if ext == ".docx":
        raise ImportRefused(
            ImportRefused.BAD_DOCX, "This file is named .docx but is not a Word document."
        )
    return EXTENSIONS.get(ext, "sniff")


def sniff_text_format(text: str) -> str:
    head = text[:4000]
    if HTML_SNIFF.search(head):
        return "html"
    if FRONT_MATTER.match(text) or re.search(r"\*\*\S|^#{1,6}\s", head, re.M):
        return "markdown"
    return "text"


# ----------------------------------------------------------------------------------------------
# Text decoding
# ----------------------------------------------------------------------------------------------


def decode_text(data: bytes, *, declared: str = "") -> tuple[str, str]:
    """Bytes of a text document -> (text, encoding used). See the module docstring for the rules."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(_decode_or_refuse(data, name), name), name
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(_decode_or_refuse(data, utf16), utf16), utf16
    if b"\x00" in data:
        raise _binary()
    declared = _codec_name(declared) if declared else ""
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if declared == "utf-8" or UTF8_MULTIBYTE.search(data):
            bad = data[exc.start]
            raise ImportRefused(
                ImportRefused.INVALID_UTF8,
                f"The file is not valid UTF-8: byte 0x{bad:02X} at position {exc.start} is not "
                "part of any UTF-8 character. Save the statement again as UTF-8 (or paste its "
                "text) and retry.",
            ) from exc
    if declared:
        return _checked(_decode_or_refuse(data, declared), declared), declared
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _binary()
    # Short English texts fit several single-byte code pages equally well (a curly quote is
    # 0x93 in most of them); Windows-1252 is the legacy encoding of English documents, so it
    # wins over any other Latin-script code page when it decodes the bytes cleanly.
    if best.encoding != "cp1252" and not best.encoding.startswith(NON_LATIN_CODEPAGES):
        try:
            return _checked(data.decode("cp1252"), "cp1252"), "cp1252"
        except (UnicodeDecodeError, ImportRefused):
            pass
    return _checked(str(best), best.encoding), best.encoding


def _decode_or_refuse(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ImportRefused(
            ImportRefused.BAD_ENCODING,
            f"The file cannot be read as {name}. Save it again as UTF-8 and retry.",
        ) from exc


def _checked(text: str, encoding: str) -> str:
    """Refuse decoded text that is mostly control characters: that is binary data, not a text."""
    sample = text[:20000]
    if not sample:
        return text
    controls = sum(
        1
        for ch in sample
        if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n\r\f"
    )
    if controls / len(sample) > 0.01:
        raise _binary()
    return text.lstrip("\ufeff")


def _bomless_utf16(data: bytes) -> str:
    sample = data[:4000]
    if len(sample) < 8:
        return ""
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return ""


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name.strip()).name.replace("_", "-")
    except LookupError as exc:
        raise ImportRefused(ImportRefused.BAD_ENCODING, f"Unknown text encoding {name!r}.") from exc


def _declared_charset(data: bytes) -> str:
    head = data[:4096]
    match = HTML_CHARSET.search(head) or XML_CHARSET.search(head)
    if not match:
        return ""
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return ""


def _binary() -> ImportRefused:
    return ImportRefused(
        ImportRefused.BINARY,
        "This file is not a statement the importer can read: it is neither text (Markdown, "
        "HTML, plain text) nor a PDF or Word document.",
    )


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.0f} KB"


# ----------------------------------------------------------------------------------------------
# Markdown and plain text
# ----------------------------------------------------------------------------------------------


def read_markdown(text: str) -> Document:
    """Markdown, with an optional YAML front-matter block whose fields become metadata."""
    original = text
    metadata: dict = {}
    match = FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            metadata = {str(k): v for k, v in loaded.items()}
        text = text[match.end() :]
    return Document(text=text, format="markdown", metadata=metadata, original=original)


def read_text(text: str) -> Document:
    """Plain text: kept as it is; the splitter copes with hard wraps and single newlines."""
    return Document(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="text")


# ----------------------------------------------------------------------------------------------
# HTML
# ----------------------------------------------------------------------------------------------

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

    soup = BeautifulSoup(text, "lxml")
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


# ----------------------------------------------------------------------------------------------
# PDF (text layer only)
# ----------------------------------------------------------------------------------------------


def read_pdf(data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused(
                ImportRefused.ENCRYPTED,
                "This PDF is password-protected. Save an unprotected copy and upload that.",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = {}
        if reader.metadata and reader.metadata.title:
            metadata["title"] = str(reader.metadata.title)
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise ImportRefused(
            ImportRefused.BAD_PDF, f"This PDF cannot be opened ({exc}). Is the file complete?"
        ) from exc
    if not pages or sum(len(p.strip()) for p in pages) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise ImportRefused(
            ImportRefused.NO_TEXT_LAYER,
            "This PDF has no text layer: it looks like a scanned image. Run it through OCR, "
            "export it again with text, or paste the statement's text instead.",
        )
    text = "\n".join(_strip_page_furniture(pages))
    return Document(text=text, format="pdf", metadata=metadata)


def _strip_page_furniture(pages: list[str]) -> list[str]:
    """Drop page numbers and the running header/footer lines a PDF repeats on every page."""
    split = [[line.rstrip() for line in page.splitlines()] for page in pages]

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).casefold())

    edges: dict[str, int] = {}
    for lines in split:
        content = [line for line in lines if line.strip()]
        for line in {key(x) for x in content[:2] + content[-2:]}:
            edges[line] = edges.get(line, 0) + 1
    repeated = {k for k, n in edges.items() if n >= 2 and len(pages) >= 2 and k}
    kept: list[str] = []
    for page_no, lines in enumerate(split):
        content_seen = 0
        for line in lines:
            if not line.strip():
                kept.append("")
                continue
            content_seen += 1
            if PAGE_NUMBER.match(line):
                continue
            # A running header may also be the document's own title on the first page.
            if key(line) in repeated and not (page_no == 0 and content_seen <= 3):
                continue
            kept.append(line)
    return kept


# ----------------------------------------------------------------------------------------------
# Word (.docx)
# ----------------------------------------------------------------------------------------------

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes) -> Document:
    """Word: paragraphs in order, with the list numbers Word computes (they are not in the text)."""
    import docx
    from docx.oxml.ns import qn

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise ImportRefused(
                    ImportRefused.BAD_DOCX, "This Word file unpacks to an unreasonable size."
                )
        document = docx.Document(io.BytesIO(data))
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ImportRefused(
            ImportRefused.BAD_DOCX, f"This Word file cannot be opened ({exc.__class__.__name__})."
        ) from exc

    numbering = _DocxNumbering(document, qn)
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            blocks.append(_docx_paragraph(paragraph, numbering, qn))
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        blocks.append(_docx_paragraph(paragraph, numbering, qn))
    metadata = {}
    if document.core_properties.title:
        metadata["title"] = document.core_properties.title
    text = "\n\n".join(b for b in blocks if b.strip())
    return Document(text=text, format="docx", metadata=metadata)


def _docx_paragraph(paragraph, numbering: _DocxNumbering, qn) -> str:
    text = paragraph.text.replace("\t", " ")
    if not text.strip():
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    prefix = numbering.prefix(paragraph, qn)
    if style.lower().startswith("heading") or style.lower() == "title":
        return f"## {text.strip()}"
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    bold = bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
    if bold and not prefix:
        return f"**{text.strip()}**"
    return f"{prefix}{text.strip()}"


class _DocxNumbering:
    """Computes the visible number of auto-numbered Word paragraphs ("1.", "2.", ...)."""

    def __init__(self, document, qn):
        self.formats: dict[tuple[str, int], tuple[str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.start_override: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = lvl.find(qn("w:numFmt"))
                start = lvl.find(qn("w:start"))
                self.formats[(aid, ilvl)] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
        for num in root.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            abstract = num.find(qn("w:abstractNumId"))
            if abstract is not None:
                self.abstract_of[nid] = abstract.get(qn("w:val"))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                    self.start_override[(nid, ilvl)] = int(start.get(qn("w:val")))

    def _num_pr(self, paragraph, qn):
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            s_pr = style.element.find(qn("w:pPr"))
            num_pr = s_pr.find(qn("w:numPr")) if s_pr is not None else None
            style = style.base_style
        return num_pr

    def prefix(self, paragraph, qn) -> str:
        num_pr = self._num_pr(paragraph, qn)
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        nid = num_id_el.get(qn("w:val")) if num_id_el is not None else None
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        if not nid or nid == "0" or nid not in self.abstract_of:
            return ""
        aid = self.abstract_of[nid]
        fmt, start = self.formats.get((aid, ilvl), ("decimal", 1))
        start = self.start_override.pop((nid, ilvl), None) or start
        levels = self.counters.setdefault(aid, {})
        levels[ilvl] = levels[ilvl] + 1 if ilvl in levels else start
        for deeper in [lvl for lvl in levels if lvl > ilvl]:
            del levels[deeper]
        n = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "decimal" and ilvl == 0:
            return f"{n}. "
        if fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (n - 1) % 26)
            return f"({letter.upper() if fmt == 'upperLetter' else letter}) "
        if fmt in ("lowerRoman", "upperRoman"):
            return f"({_roman(n).lower() if fmt == 'lowerRoman' else _roman(n)}) "
        return f"({n}) "


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out
