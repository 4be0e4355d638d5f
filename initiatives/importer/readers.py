"""Stage 1 of the importer: a file's bytes -> clean text with paragraph breaks.

One reader per format (HTML, PDF and Word in modules of their own); `read_document` checks the
size, recognises the format from the bytes (the file name only breaks ties) and hands back a
`Document` whose `text` is Markdown-like: blocks separated by blank lines, numbered paragraphs
as "N. ...", headings as "## ..." or "**...**". `original` is what the tracker stores verbatim:
the decoded file for text formats, the extracted text for PDF and Word.

Encoding (text formats): a byte-order mark or a declared charset (HTML meta, XML declaration, an
explicit choice by the officer) is obeyed; otherwise valid UTF-8 is UTF-8. A file that contains
UTF-8 sequences *and* bytes that are not UTF-8, or that declares UTF-8 and is not, is refused
rather than guessed: guessing would silently turn every accented name into mojibake. A file
with no UTF-8 sequences at all is a legacy 8-bit file, decoded with the encoding that
charset-normalizer detects (Windows-1252 when it fits as well as any other).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import PurePath

import yaml
from django.conf import settings

from .document import Document
from .docx_reader import is_docx, read_docx
from .errors import ImportRefused
from .html_reader import read_html
from .pdf_reader import read_pdf

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
    _check_size(data, max_bytes)
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


def upload_precheck(data: bytes, *, filename: str = "", max_bytes: int | None = None) -> None:
    """The checks an upload passes before it is stored for parsing; each costs next to nothing,
    whatever the file holds: its size, emptiness, its kind, and for a Word file the unpacked size
    its archive declares (tracker.security's limit). Everything else waits for the parsing task.
    """
    _check_size(data, max_bytes)
    if detect_format(data, filename) == "docx":
        from tracker import security  # Django-bound: imported when used

        if not security.archive_within_limits(data):
            limit = security.DOCX_MAX_UNCOMPRESSED // (1024 * 1024)
            raise ImportRefused(
                ImportRefused.BAD_DOCX,
                f"This Word file unpacks to more than {limit} MB, far more than a statement "
                "needs: it is refused. Save the statement again without embedded media.",
            )


def _check_size(data: bytes, max_bytes: int | None) -> None:
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ImportRefused(
            ImportRefused.TOO_LARGE,
            f"The file is {_size(len(data))}; statements larger than {_size(limit)} are "
            "refused. Split off annexes, or ask an admin to raise IMPORT_MAX_BYTES.",
        )
    if not data.strip():
        raise ImportRefused(ImportRefused.EMPTY, "The file is empty: there is nothing to import.")


def detect_format(data: bytes, filename: str = "") -> str:
    """ "pdf", "docx", "markdown", "html", "text", or "sniff" (decide after decoding)."""
    head = data[:1024]
    ext = PurePath(filename or "").suffix.lower()
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if is_docx(data):
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
        from tracker import security  # Django-bound: imported when used

        try:
            loaded = security.load_plain_yaml(match.group(1))
        except security.UnsafeYaml as exc:
            raise ImportRefused(
                ImportRefused.UNSUPPORTED,
                f"The front matter at the top of the file is refused ({exc}): statements need "
                "only plain fields such as title and date. Remove it or write it out plainly.",
            ) from exc
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            metadata = {str(k): v for k, v in loaded.items()}
        text = text[match.end() :]
    return Document(text=text, format="markdown", metadata=metadata, original=original)


def read_text(text: str) -> Document:
    """Plain text: kept as it is; the splitter copes with hard wraps and single newlines."""
    return Document(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="text")


__all__ = [
    "Document",
    "decode_text",
    "detect_format",
    "read_document",
    "read_docx",
    "read_html",
    "read_markdown",
    "read_pdf",
    "read_text",
]
