"""The Word and PDF files open, and hold the same sections as the page."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from briefings import outputs
from briefings.content import SECTIONS
from briefings.selectors import briefing_pack
from briefings.skeleton import statement_skeleton
from initiatives.importer.selectors import status_rules

from .conftest import TODAY

pytestmark = pytest.mark.django_db

SECTION_TITLES = [title for _, title in SECTIONS] + [outputs.SKELETON_TITLE]
needs_pdf = pytest.mark.skipif(
    not outputs.pdf_available(), reason="WeasyPrint cannot load Pango: PDF tests skipped"
)


@pytest.fixture
def pack_and_skeleton(record):
    pack = briefing_pack(record.m7, today=TODAY)
    return pack, statement_skeleton(pack, status_rules())


def test_the_printable_page_holds_every_section_and_no_navigation(pack_and_skeleton):
    html = outputs.print_html(*pack_and_skeleton)
    for title in SECTION_TITLES:
        assert title in html
    assert 'class="site-header' not in html
    assert "briefings/print.css" in html
    assert "page-break" in html
    _, skeleton = pack_and_skeleton
    for paragraph in skeleton.paragraphs:
        assert f'draft-number">{paragraph.number}.</span> {paragraph.text}' in html


def test_the_word_pack_has_headings_a_toc_field_tables_and_quotations(pack_and_skeleton):
    pack, skeleton = pack_and_skeleton
    document = Document(io.BytesIO(outputs.pack_docx(pack, skeleton)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for title in SECTION_TITLES:
        assert any(h.startswith(title) for h in headings), title
    xml = document.element.xml
    assert "TOC \\o" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    texts = [p.text for p in document.paragraphs]
    assert "1. What changed at the last meeting" in texts  # the field's result lists them
    assert len(document.tables) >= 3
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    cert = next(i for i in pack.initiatives if i.slug == "asean-cert")
    assert cert.last_words.quotation in quotes
    text = "\n".join(p.text for p in document.paragraphs)
    assert "https://asean.org/6th-adgmin-defa-report" in text  # DEFA's report and its source


def test_the_word_skeleton_holds_the_numbered_draft(pack_and_skeleton):
    _, skeleton = pack_and_skeleton
    document = Document(io.BytesIO(outputs.skeleton_docx(skeleton)))
    text = [p.text for p in document.paragraphs]
    for paragraph in skeleton.paragraphs:
        assert f"{paragraph.number}. {paragraph.text}" in text


@needs_pdf
def test_the_pdf_opens_and_holds_the_same_sections(pack_and_skeleton):
    pdf = outputs.pack_pdf(*pack_and_skeleton)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3  # cover, sections on their own pages
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for title in SECTION_TITLES:
        assert title in text, title
    assert "Digital Economy Framework Agreement" in text
    _, skeleton = pack_and_skeleton
    last = skeleton.paragraphs[-1]
    assert f"{last.number}. {last.text[:40]}" in text  # numbers run on across sections
