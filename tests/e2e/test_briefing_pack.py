"""Briefing pack in the browser: from the meeting page to the pack, its printable page, and the
built files, whose first pages are screenshotted (the PDF through pdftoppm, the Word document
through a plain HTML rendering of its first page)."""

import html
import io
import shutil
import subprocess

import pytest
from docx import Document

from briefings import outputs
from briefings.models import BriefingFile
from tests.briefings.conftest import record  # noqa: F401  (the fixture)

from .conftest import SCREENSHOTS


@pytest.mark.django_db(transaction=True)
def test_an_officer_opens_prints_and_builds_the_pack_of_the_7th(
    live_server,
    page,
    login,
    screenshot,
    record,  # noqa: F811
    officer,
):
    login(page, "officer1")
    page.goto(f"{live_server.url}/meetings/adgmin-7/")
    page.get_by_role("link", name="Briefing pack").click()
    page.wait_for_url("**/meetings/adgmin-7/briefing/")
    assert page.get_by_role("heading", name="What changed at the last meeting").is_visible()
    assert page.get_by_role("heading", name="Silent for two meetings or more").is_visible()
    assert "substantial conclusion" in page.content()
    screenshot(page, "briefing-pack")

    page.goto(f"{live_server.url}/meetings/adgmin-7/briefing/print/")
    page.emulate_media(media="print")
    assert page.locator("nav[aria-label=Main]").count() == 0
    screenshot(page, "briefing-pack-print")
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/meetings/adgmin-7/briefing/")
    page.get_by_role("button", name="Build the files").click()
    page.wait_for_url("**/briefing/builds/**")
    page.get_by_text("Ready").first.wait_for()
    assert page.get_by_role("link", name="Briefing pack (Word)").is_visible()
    screenshot(page, "briefing-pack-built")

    docx = BriefingFile.objects.get(kind="pack_docx")
    _screenshot_docx_first_page(page, bytes(docx.content))
    if outputs.pdf_available():
        pdf = BriefingFile.objects.get(kind="pack_pdf")
        assert bytes(pdf.content).startswith(b"%PDF")
        _pdf_first_page(bytes(pdf.content))


def _screenshot_docx_first_page(page, data: bytes) -> None:
    """Word's first page up to its page break, as plain HTML in the browser."""
    document = Document(io.BytesIO(data))
    parts = []
    for paragraph in document.paragraphs:
        if 'w:br w:type="page"' in paragraph._p.xml:
            break
        tag = {"Title": "h1", "Heading 1": "h2"}.get(paragraph.style.name, "p")
        parts.append(f"<{tag}>{html.escape(paragraph.text)}</{tag}>")
    assert parts and "Contents" in " ".join(parts)
    assert "1. What changed at the last meeting" in " ".join(parts)
    page.set_content(
        "<body style='font-family:serif;width:595px;margin:40px auto'>" + "".join(parts)
    )
    page.screenshot(path=str(SCREENSHOTS / "briefing-pack-docx-page1.png"), full_page=True)


def _pdf_first_page(data: bytes) -> None:
    if not shutil.which("pdftoppm"):
        return
    pdf = SCREENSHOTS / "briefing-pack.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
         str(SCREENSHOTS / "briefing-pack-pdf")],
        check=True,
    )  # fmt: skip
    assert (SCREENSHOTS / "briefing-pack-pdf-1.png").exists()
