"""The PDF reader: the text layer, without page numbers and running headers."""

from __future__ import annotations

import io
import re

from .document import Document
from .errors import ImportRefused

# Lines a PDF repeats as page furniture: "3", "- 3 -", "Page 3 of 7".
PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,3})?\s*$", re.I
)
MIN_TEXT_CHARS_PER_PAGE = 20
# A joint media statement runs to a few pages; a long declaration with annexes to a few dozen.
# Far longer files are reports or books, and reading their text takes minutes.
MAX_PAGES = 300


def read_pdf(data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        _check_page_count(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = {}
        if reader.metadata and reader.metadata.title:
            metadata["title"] = str(reader.metadata.title)
    except ImportRefused:
        raise
    except DependencyError as exc:  # an encryption this installation cannot undo
        raise _locked() from exc
    except LimitReachedError as exc:  # pypdf stops inflating a stream at its own limit
        raise ImportRefused(
            ImportRefused.BAD_PDF,
            "This PDF holds a compressed stream that unpacks to an unreasonable size: it is "
            "refused. Export the statement to PDF again, or paste its text.",
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise ImportRefused(
            ImportRefused.BAD_PDF, f"This PDF cannot be opened ({exc}). Is the file complete?"
        ) from exc
    except (RecursionError, MemoryError) as exc:  # objects nested or sized to exhaust the reader
        raise ImportRefused(
            ImportRefused.BAD_PDF, "This PDF is built in a way the importer cannot read."
        ) from exc
    if not pages or sum(len(p.strip()) for p in pages) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise ImportRefused(
            ImportRefused.NO_TEXT_LAYER,
            "This PDF has no text layer: it looks like a scanned image. Run it through OCR, "
            "export it again with text, or paste the statement's text instead.",
        )
    text = "\n".join(strip_page_furniture(pages))
    return Document(text=text, format="pdf", metadata=metadata)


def _decrypt(reader) -> None:
    """Open a PDF that is encrypted without a password to read it (only to print or edit);
    one that needs a password is refused."""
    if not reader.decrypt(""):
        raise _locked()


def _locked() -> ImportRefused:
    return ImportRefused(
        ImportRefused.ENCRYPTED,
        "This PDF is password-protected. Save an unprotected copy and upload that.",
    )


def _check_page_count(reader) -> None:
    # The page tree's own count first (cheap, but written by the file's maker), then the pages
    # actually found.
    tree = reader.trailer["/Root"]["/Pages"]
    # Indexing (not .get) resolves an indirect /Count.
    declared = tree["/Count"] if "/Count" in tree else 0  # noqa: SIM401
    count = declared if isinstance(declared, int) and declared > MAX_PAGES else len(reader.pages)
    if count > MAX_PAGES:
        raise ImportRefused(
            ImportRefused.TOO_LARGE,
            f"This PDF has {count} pages; the importer reads statements of up to {MAX_PAGES} "
            "pages. Upload the statement itself, without annexes or the full report.",
        )


def strip_page_furniture(pages: list[str]) -> list[str]:
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
