"""Spreadsheets (CSV and XLSX): every export's writer, with one rule against formula injection,
and the one way an uploaded workbook is opened.

Text that a spreadsheet program would run as a formula when it opens the file stays text:
- in a CSV, which has no cell types, it gets a leading apostrophe (programs show the rest as
  text), and `csv_unescape` takes exactly that apostrophe off again when the file comes back;
- in an XLSX, where cells are typed, it is written as a text cell, unchanged.
Numbers, dates and None are written as they are. Every export (the initiative list, the data
exchange, implementation records and the implementation grid) writes through this module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a zip archive
CSV_TYPE = "text/csv; charset=utf-8"
# The first characters that make a spreadsheet program read a cell as a formula (or, for the
# apostrophe, as an escaped cell, so that one typed by a person survives the round trip).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_FORMULA_FIRST = frozenset(FORMULA_START)  # each is one character


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_escape(value):
    """A CSV cell: formula-like text behind an apostrophe, anything else as it is."""
    return "'" + value if looks_like_formula(value) else value


def csv_unescape(text: str) -> str:
    """Undo csv_escape: the apostrophe goes only where it stands before a formula start."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads accents right) and CRLF line ends.

    The csv module writes None as an empty field and a date as YYYY-MM-DD.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    # csv_escape inlined: an export writes tens of thousands of cells, mostly not text.
    first = _FORMULA_FIRST
    writer.writerows(
        [("'" + v if isinstance(v, str) and v[:1] in first else v) for v in row] for row in rows
    )
    return out.getvalue().encode("utf-8")


@dataclass
class Sheet:
    """One sheet of a workbook: a bold, frozen header row, then the rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: dict[str, float] = field(default_factory=dict)  # column letter -> width
    freeze: str = "A2"


def _text_cell(ws, value: str):
    # openpyxl would store "=..." as a formula: typed as text it stays what was written.
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook written row by row (write-only: memory stays flat however long the list)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        ws.freeze_panes = sheet.freeze
        for letter, width in sheet.widths.items():
            ws.column_dimensions[letter].width = width
        header = []
        for title in sheet.header:
            cell = WriteOnlyCell(ws, value=title)
            cell.font = bold
            header.append(cell)
        ws.append(header)

        for row in sheet.rows:
            ws.append(
                [
                    None if v == "" else _text_cell(ws, v) if looks_like_formula(v) else v
                    for v in row
                ]
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class UnreadableWorkbook(ValueError):
    """An uploaded XLSX file refused before or while openpyxl opens it; the message says why."""


def open_xlsx(data: bytes):
    """An uploaded workbook, opened read-only for its values.

    Its archive's directory is checked first (tracker.security's limits on size and members): a
    few kilobytes that inflate to gigabytes are refused before openpyxl unpacks anything.
    """
    from openpyxl import load_workbook

    from tracker.security import DOCX_MAX_UNCOMPRESSED, archive_within_limits

    if not archive_within_limits(data):
        limit = DOCX_MAX_UNCOMPRESSED // (1024 * 1024)
        raise UnreadableWorkbook(
            f"The file is not a readable XLSX workbook: a damaged archive, or one that unpacks "
            f"to more than {limit} MB."
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableWorkbook("The file is not a readable XLSX workbook.") from error
