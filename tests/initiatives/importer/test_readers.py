"""Stage 1: every format an officer receives becomes the same clean text, or a clear refusal."""

import io
import zipfile

import pytest
from django.test import override_settings

from initiatives.importer.errors import ImportRefused
from initiatives.importer.readers import decode_text, read_document

from .conversions import blank_pdf, to_docx, to_pdf

STATEMENT = "1. The Meeting welcomed the Zoë Report.\n\n2. The Meeting noted “progress”.\n"


def refused(data: bytes, **kwargs) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_document(data, **kwargs)
    return caught.value


class TestMarkdown:
    def test_it_reads_front_matter_as_metadata_and_keeps_the_original(self, seed_text):
        document = read_document(seed_text.encode("utf-8"), filename="statement.md")
        assert document.format == "markdown"
        assert document.metadata["title"].startswith("The 3rd ASEAN Digital Ministers Meeting")
        assert not document.text.startswith("---")
        assert document.original == seed_text

    def test_it_recognises_markdown_without_a_file_name(self):
        document = read_document(b"**Joint Media Statement**\n\n1. The Meeting met.\n")
        assert document.format == "markdown"

    def test_it_treats_broken_front_matter_as_text(self):
        document = read_document(b"---\n: : [\n---\n1. The Meeting met.\n", filename="x.md")
        assert document.metadata == {}


class TestHtml:
    PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>JMS</title>
    <script>var junk = "1. not a paragraph";</script></head><body>
    <nav><ol><li>Home</li><li>News</li></ol></nav>
    <main><p><strong>JOINT MEDIA STATEMENT</strong></p>
    <ol><li>The 4<sup>th</sup> Meeting <b>welcomed</b> the Plan.</li><li>Second.</li></ol>
    <h3>Next Meeting</h3><ol start="3"><li><p>Third,</p><p>continued.</p></li></ol>
    <p>Line one<br>line two</p></main><footer>Copyright</footer></body></html>"""

    def test_it_keeps_the_main_content_and_numbers_ordered_lists(self):
        document = read_document(self.PAGE.encode(), filename="page.html")
        assert document.format == "html"
        assert document.metadata["title"] == "JMS"
        assert "Home" not in document.text and "junk" not in document.text
        assert "Copyright" not in document.text
        assert "1. The 4th Meeting welcomed the Plan." in document.text
        assert "3. Third, continued." in document.text
        assert "## Next Meeting" in document.text
        assert "**JOINT MEDIA STATEMENT**" in document.text
        assert "Line one\nline two" in document.text

    def test_it_drops_menus_and_related_posts_that_hold_numbered_lists(self):
        page = (
            '<html><body><div class="site-menu"><ol><li>Home</li><li>About</li></ol></div>'
            '<div class="content"><p>1. The Ministers met in Singapore and agreed many things '
            "about the region's digital future, at length and in detail.</p><p>2. They agreed."
            '</p></div><aside><ol><li>Older news</li></ol></aside><div id="related-posts">'
            "<ol><li>Another statement</li></ol></div></body></html>"
        )
        text = read_document(page.encode(), filename="p.html").text
        assert "Home" not in text and "Another statement" not in text
        assert text.startswith("1. The Ministers met")

    def test_it_sniffs_html_pasted_without_a_file_name(self):
        assert read_document(self.PAGE.encode()).format == "html"

    def test_it_obeys_the_charset_an_html_page_declares(self):
        page = '<html><head><meta charset="windows-1252"></head><body><p>1. Caf\u00e9 “x”.</p>'
        document = read_document(page.encode("cp1252"), filename="p.html")
        assert "Café “x”" in document.text
        assert document.encoding == "cp1252"


class TestPlainText:
    def test_it_keeps_hard_wrapped_text_as_it_is(self):
        document = read_document(b"1. The Meeting\nwelcomed it.\r\n2. Next.", filename="s.txt")
        assert document.format == "text"
        assert document.text == "1. The Meeting\nwelcomed it.\n2. Next."


class TestEncodings:
    def test_it_detects_a_legacy_windows_encoding(self):
        document = read_document(STATEMENT.encode("cp1252"), filename="s.txt")
        assert "Zoë Report" in document.text and "“progress”" in document.text

    def test_it_reads_utf16_with_a_byte_order_mark(self):
        document = read_document(STATEMENT.encode("utf-16"), filename="s.txt")
        assert "Zoë Report" in document.text

    def test_it_reads_utf8_with_a_byte_order_mark_and_drops_the_mark(self):
        document = read_document("\ufeff".encode() + STATEMENT.encode(), filename="s.txt")
        assert document.text.startswith("1. The Meeting")

    def test_it_refuses_utf8_with_a_broken_byte_instead_of_guessing(self):
        data = STATEMENT.encode("utf-8").replace(b"progress", b"pro\xffgress")
        error = refused(data, filename="s.txt")
        assert error.code == ImportRefused.INVALID_UTF8
        assert "not valid UTF-8" in error.message and "0xFF" in error.message

    def test_it_refuses_invalid_utf8_when_utf8_is_chosen(self):
        error = refused("1. Caf\u00e9.".encode("latin-1"), filename="s.txt", encoding="utf-8")
        assert error.code == ImportRefused.INVALID_UTF8

    def test_it_honours_an_encoding_chosen_by_the_officer(self):
        text, used = decode_text("1. Caf\u00e9.".encode("latin-1"), declared="latin-1")
        assert text == "1. Café." and used == "iso8859-1"

    def test_it_refuses_an_unknown_encoding_name(self):
        assert refused(b"1. x", encoding="klingon-8").code == ImportRefused.BAD_ENCODING


class TestPdf:
    def test_it_reads_the_text_layer(self, seed_text):
        document = read_document(to_pdf(seed_text), filename="statement.pdf")
        assert document.format == "pdf"
        assert "Boracay Island" in document.text
        assert document.original == document.text

    def test_it_recognises_a_pdf_by_its_bytes_whatever_its_name(self, seed_text):
        assert read_document(to_pdf(seed_text), filename="statement.bin").format == "pdf"

    def test_it_refuses_a_pdf_without_a_text_layer(self):
        error = refused(blank_pdf(), filename="scan.pdf")
        assert error.code == ImportRefused.NO_TEXT_LAYER
        assert "OCR" in error.message

    def test_it_refuses_a_truncated_pdf(self, seed_text):
        error = refused(to_pdf(seed_text)[:400], filename="cut.pdf")
        assert error.code in (ImportRefused.BAD_PDF, ImportRefused.NO_TEXT_LAYER)

    def test_it_refuses_a_file_named_pdf_that_is_not_one(self):
        assert refused(b"1. hello", filename="fake.pdf").code == ImportRefused.BAD_PDF

    def test_it_drops_page_numbers_and_running_headers(self):
        from initiatives.importer.pdf_reader import strip_page_furniture

        pages = [
            "JOINT MEDIA STATEMENT\n1. First paragraph\nPage 1 of 2",
            "JOINT MEDIA STATEMENT\ncontinues here.\nPage 2 of 2",
        ]
        assert strip_page_furniture(pages) == [
            "JOINT MEDIA STATEMENT",
            "1. First paragraph",
            "continues here.",
        ]


class TestDocx:
    def test_it_restores_word_list_numbers_that_are_not_in_the_text(self, seed_text):
        document = read_document(to_docx(seed_text), filename="statement.docx")
        assert document.format == "docx"
        assert "1. The 3rd ASEAN Digital Ministers Meeting" in document.text
        assert "21. The Meeting expressed appreciation" in document.text

    def test_it_marks_bold_paragraphs_so_headings_can_be_found(self, seed_text):
        document = read_document(to_docx(seed_text), filename="statement.docx")
        assert "**Next Meeting**" in document.text

    def test_it_refuses_an_old_word_file(self):
        error = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, filename="s.doc")
        assert error.code == ImportRefused.UNSUPPORTED and ".docx" in error.message

    def test_it_refuses_a_zip_that_is_not_a_word_document(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("notes.txt", "1. hello")
        assert refused(out.getvalue(), filename="s.zip").code == ImportRefused.UNSUPPORTED

    def test_it_refuses_a_damaged_word_file(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("word/document.xml", "<not-xml")
        assert refused(out.getvalue(), filename="s.docx").code == ImportRefused.BAD_DOCX


class TestRefusals:
    def test_it_refuses_an_empty_file(self):
        assert refused(b"", filename="s.md").code == ImportRefused.EMPTY
        assert refused(b"  \n\t ", filename="s.md").code == ImportRefused.EMPTY

    def test_it_refuses_binary_junk(self):
        junk = bytes(range(256)) * 40
        error = refused(junk, filename="s.txt")
        assert error.code == ImportRefused.BINARY
        assert "neither text" in error.message

    @override_settings(IMPORT_MAX_BYTES=1000)
    def test_it_refuses_a_file_over_the_configured_limit(self):
        error = refused(b"1. x " * 300, filename="big.txt")
        assert error.code == ImportRefused.TOO_LARGE
        assert "1 KB" in error.message and "IMPORT_MAX_BYTES" in error.message

    @override_settings(IMPORT_MAX_BYTES=1000)
    def test_it_accepts_a_file_at_the_limit(self):
        assert read_document(b"1. x." + b" " * 995, filename="s.txt").format == "text"
