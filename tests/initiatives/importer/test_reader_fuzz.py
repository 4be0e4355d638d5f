"""Reader fuzzing: hostile Markdown, HTML, text, PDF, Word and spreadsheet files, built by
hypothesis. Each is read or refused with a message (ImportRefused / SpreadsheetError), never
another exception, within a few CPU seconds. Bounded (FUZZ_EXAMPLES per reader) for CI.
"""

import io
import os
import time
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.importer.errors import ImportRefused
from initiatives.importer.readers import read_document
from initiatives.spreadsheets import SpreadsheetError, read_spreadsheet

from .hostile import docx_with_document_xml, pdf_with_stream, text_stream, word_document

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
BOUND = 5  # CPU seconds per file

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

numbers = st.integers(min_value=0, max_value=10**12).map(str)
words = st.sampled_from(
    [
        "The Meeting",
        "welcomed",
        "ASEAN",
        "Framework",
        "**",
        "__",
        "#",
        "-",
        "•",
        "&a",
        "*a",
        "---",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "Zoë",
        "“",
        "”",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "\t",
    ]
)
line = st.lists(st.one_of(numbers.map(lambda n: f"{n}."), words, st.text(max_size=20)), max_size=12)
text_documents = st.lists(line.map(" ".join), max_size=40).map("\n".join)


def read_or_refuse(data: bytes, filename: str) -> None:
    started = time.process_time()
    try:
        document = read_document(data, filename=filename)
    except ImportRefused as refusal:
        assert refusal.message.strip() and refusal.code
    else:
        assert isinstance(document.text, str)
    assert time.process_time() - started < BOUND


def mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    raw = bytearray(data)
    for position, value in edits:
        raw[position % len(raw)] = value
    return bytes(raw)


edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=30)


@FUZZ
@given(text=text_documents, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_text_and_markdown(text, encoding):
    data = text.encode(encoding, errors="replace")
    read_or_refuse(data, "s.txt")
    read_or_refuse(b"---\n" + data[:200] + b"\n---\n" + data, "s.md")


@FUZZ
@given(
    depth=st.integers(0, 400),
    tags=st.lists(st.sampled_from(["div", "ol", "li", "p", "b", "table", "tr", "td"]), min_size=1),
    body=text_documents,
)
def test_html(depth, tags, body):
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    read_or_refuse(f"<html><body>{opening}{body}".encode(), "s.html")


@FUZZ
@given(lines=st.lists(st.text(max_size=60), max_size=20), changes=edits, compress=st.booleans())
def test_pdf(lines, changes, compress):
    plain = pdf_with_stream(
        text_stream([ln.encode("latin-1", "replace").decode("latin-1") for ln in lines]),
        compress=compress,
    )
    read_or_refuse(mutate(plain, changes), "s.pdf")


@FUZZ
@given(paragraphs=st.lists(st.text(max_size=80), max_size=10), changes=edits)
def test_docx(paragraphs, changes):
    from xml.sax.saxutils import escape

    clean = [escape("".join(c for c in p if c.isprintable())) for p in paragraphs]
    data = docx_with_document_xml(word_document(clean))
    read_or_refuse(data, "s.docx")
    read_or_refuse(mutate(data, changes), "s.docx")


def _workbook_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "partners"
    sheet.append(["slug", "name", "kind"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


cell = st.one_of(st.none(), st.integers(-(10**9), 10**9), st.text(max_size=30))


@FUZZ
@given(rows=st.lists(st.lists(cell, max_size=4), max_size=8), changes=edits)
def test_spreadsheets(rows, changes):
    clean = [
        [c if not isinstance(c, str) else "".join(x for x in c if x.isprintable()) for c in row]
        for row in rows
    ]
    data = _workbook_bytes(clean)
    for candidate in (data, mutate(data, changes)):
        started = time.process_time()
        try:
            read_spreadsheet(candidate, filename="book.xlsx")
        except SpreadsheetError as refusal:
            assert str(refusal).strip()
        assert time.process_time() - started < BOUND


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<not-xml")
    read_or_refuse(out.getvalue(), "s.docx")
