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
    text = "\n".join(strip_page_furniture(pages))
    return Document(text=text, format="pdf", metadata=metadata)


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
