"""Both spreadsheet uploads (the exchange, implementation records) open an XLSX file only after
its archive's directory passes tracker.security's limits, and write text as text (one rule)."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from implementation import spreadsheet as implementation_sheet
from initiatives import spreadsheets
from tracker import spreadsheet


def inflating_workbook() -> bytes:
    """A valid-looking XLSX whose one worksheet unpacks to 2 MB of zeros (a small 'bomb')."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (2 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr("tracker.security.DOCX_MAX_UNCOMPRESSED", 1024 * 1024)


def test_the_exchange_refuses_a_workbook_that_unpacks_past_the_limit(small_limit):
    with pytest.raises(spreadsheets.SpreadsheetError, match="unpacks to more than 1 MB"):
        spreadsheets.read_spreadsheet(inflating_workbook(), filename="book.xlsx")


def test_implementation_uploads_refuse_it_too(small_limit):
    with pytest.raises(implementation_sheet.SpreadsheetRefused) as refusal:
        implementation_sheet.read_rows(inflating_workbook())
    assert "unpacks to more than 1 MB" in refusal.value.problems[0]


def test_a_damaged_archive_is_not_readable():
    with pytest.raises(spreadsheet.UnreadableWorkbook, match="not a readable XLSX"):
        spreadsheet.open_xlsx(b"PK\x03\x04 not really a zip")


def test_formula_like_text_is_escaped_in_csv_and_typed_as_text_in_xlsx():
    rows = [["=1+2", "+cmd", "'quoted", "plain", 7, None]]
    text = spreadsheet.csv_bytes(["a", "b", "c", "d", "e", "f"], rows).decode("utf-8-sig")
    written = list(csv.reader(io.StringIO(text)))[1]
    assert written == ["'=1+2", "'+cmd", "''quoted", "plain", "7", ""]
    assert [spreadsheet.csv_unescape(v) for v in written[:4]] == [
        "=1+2",
        "+cmd",
        "'quoted",
        "plain",
    ]
    book = spreadsheet.xlsx_bytes([spreadsheet.Sheet("s", ["a", "b", "c", "d", "e", "f"], rows)])
    cells = list(load_workbook(io.BytesIO(book)).active.iter_rows(min_row=2))[0]
    assert [c.value for c in cells[:5]] == ["=1+2", "+cmd", "'quoted", "plain", 7]
    assert cells[0].data_type == "s"  # text, not a formula
