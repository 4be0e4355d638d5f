"""Turn a Markdown statement into the PDF and Word files officers receive, for the tests.

Each Markdown block becomes one paragraph of the document, set the way a word processor would
set it: bold blocks in bold, numbered paragraphs with their number, long lines wrapped by the
layout engine (so the reader must join them again).
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from initiatives.importer.readers import read_markdown

NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+")


def markdown_blocks(markdown: str) -> list[tuple[str, bool]]:
    """(text, bold) for every block of a Markdown statement, front matter dropped."""
    body = read_markdown(markdown).text
    blocks = []
    for raw in re.split(r"\n\s*\n", body):
        text = " ".join(line.strip() for line in raw.splitlines() if line.strip())
        if not text:
            continue
        bold = text.startswith("**") and text.endswith("**")
        text = re.sub(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text).strip()
        blocks.append((text, bold))
    return blocks


def to_pdf(markdown: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = []
    for text, bold in markdown_blocks(markdown):
        style = styles["Heading4"] if bold else styles["BodyText"]
        story.append(Paragraph(escape(text), style))
        story.append(Spacer(1, 6))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title="Joint Media Statement").build(story)
    return out.getvalue()


def to_docx(markdown: str, *, auto_numbering: bool = True) -> bytes:
    """Word, with Word's own list numbering (the numbers are then not in the text) or typed."""
    import docx

    document = docx.Document()
    for text, bold in markdown_blocks(markdown):
        numbered = NUMBERED.match(text)
        if numbered and auto_numbering:
            paragraph = document.add_paragraph(text[numbered.end() :], style="List Number")
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A PDF with a drawing and no text layer, like a scan."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(72, 72, 300, 500, fill=1)
    page.showPage()
    page.save()
    return out.getvalue()
