"""Rich text is sanitised with nh3; uploads are checked by name, size and content."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from tracker.security import (
    UploadValidator,
    rich_text_to_plain,
    sanitize_rich_text,
    validate_upload,
)


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>Hello",
        '<img src=x onerror="alert(1)">Hello',
        '<a href="javascript:alert(1)">Hello</a>',
        '<p style="background:url(x)">Hello</p>',
        "<iframe src='https://evil.example'></iframe>Hello",
        "<svg><script>alert(1)</script></svg>Hello",
    ],
)
def test_dangerous_markup_is_removed(dirty):
    clean = sanitize_rich_text(dirty)
    assert "Hello" in clean
    for bad in ("script", "onerror", "javascript", "style", "iframe", "svg", "<img"):
        assert bad not in clean.lower()


def test_formatting_and_safe_links_are_kept():
    clean = sanitize_rich_text(
        '<p>Signed <strong>today</strong>; see <a href="https://asean.org/x">the text</a>.</p>'
        "<ul><li>one</li></ul>"
    )
    assert "<strong>today</strong>" in clean and "<li>one</li>" in clean
    assert 'href="https://asean.org/x"' in clean and 'rel="noopener noreferrer"' in clean


def test_sanitising_twice_changes_nothing():
    once = sanitize_rich_text("Tom & Jerry <b>5 < 6</b>")
    assert sanitize_rich_text(once) == once
    assert rich_text_to_plain(once) == "Tom & Jerry 5 < 6"


def test_the_template_filter_renders_clean_html_and_keeps_line_breaks():
    template = Template("{% load tracker_records %}{{ text|rich_text }}")
    html = template.render(Context({"text": "line one\nline two<script>x()</script>"}))
    assert html == "line one<br>line two"


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "1. The Meeting endorsed the DEFA.")
    document.save()
    return buffer.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("1. The Meeting endorsed the DEFA.")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statement.md", "# 3rd ADGMIN\n\n1. The Meeting endorsed …".encode()),
        ("statement.txt", "1. The Meeting endorsed".encode("utf-16")),
        ("statement.pdf", None),
        ("statement.docx", None),
    ],
)
def test_real_statements_are_accepted(name, content):
    content = content or (pdf_bytes() if name.endswith(".pdf") else docx_bytes())
    upload = SimpleUploadedFile(name, content)
    validate_upload(upload)
    assert upload.read() == content  # rewound for the reader


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("statement.exe", b"MZ\x90\x00", "extension"),
        ("statement", b"text", "extension"),
        ("statement.pdf", b"MZ\x90\x00 not a pdf", "content"),
        ("statement.docx", b"PK\x03\x04 broken zip", "content"),
        ("statement.md", b"\x00\x01\x02\x03binary\x00", "content"),
        ("statement.md", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile(name, content))
    assert refusal.value.code == code


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationError) as refusal:
        UploadValidator(max_bytes=10)(SimpleUploadedFile("s.md", b"x" * 11))
    assert refusal.value.code == "too_large"


def test_a_word_file_that_inflates_beyond_reason_is_refused(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (2 * 1024 * 1024))
    monkeypatch.setattr("tracker.security.DOCX_MAX_UNCOMPRESSED", 1024 * 1024)
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("bomb.docx", buffer.getvalue()))
    assert refusal.value.code == "content"


def test_the_validator_limits_extensions_when_asked():
    with pytest.raises(ValidationError):
        UploadValidator(extensions=[".md"])(SimpleUploadedFile("s.txt", b"text"))
