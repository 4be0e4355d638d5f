"""Spreadsheet files: writing an export (CSV or XLSX) and reading an upload back into raw rows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from tracker.spreadsheet import (
    XLSX_MAGIC,
    UnreadableWorkbook,
    csv_bytes,
    csv_unescape,
    open_xlsx,
    xlsx_bytes,
)
from tracker.spreadsheet import Sheet as XlsxSheet

from .format import (
    MAX_ROWS,
    SHEETS,
    Sheet,
    SpreadsheetError,
    cell_text,
    querysets,
    record_values,
)

# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
WIDE_COLUMNS = ("name", "summary", "description")


def _csv_row(sheet: Sheet, obj) -> list:
    """A record's CSV cells: whole numbers as numbers (never escaped), the rest as text."""
    values = record_values(sheet, obj)
    return [values[c.name] if c.kind == "int" else cell_text(values[c.name]) for c in sheet.columns]


def export_csv(sheet_name: str, queryset: models.QuerySet | None = None) -> bytes:
    """One kind of record as CSV (tracker/spreadsheet.py: a byte-order mark, formulas as text)."""
    sheet = SHEETS[sheet_name]
    rows = queryset if queryset is not None else querysets()[sheet_name]
    return csv_bytes(sheet.names, (_csv_row(sheet, obj) for obj in rows))


def _xlsx_row(sheet: Sheet, obj) -> list:
    """A record's XLSX cells: typed, so dates and numbers stay what they are."""
    values = record_values(sheet, obj)
    return [values[c.name] for c in sheet.columns]


def _width(column) -> int:
    wide = column.kind in ("lines", "roles", "outcomes") or column.name in WIDE_COLUMNS
    return 40 if wide else 16


def export_xlsx(sheet_querysets: dict[str, Iterable]) -> bytes:
    """A workbook with one sheet per kind of record, in the order given."""
    from openpyxl.utils import get_column_letter

    return xlsx_bytes(
        XlsxSheet(
            title=sheet.name,
            header=sheet.names,
            rows=(_xlsx_row(sheet, obj) for obj in rows),
            widths={
                get_column_letter(n): _width(column)
                for n, column in enumerate(sheet.columns, start=1)
            },
        )
        for sheet, rows in ((SHEETS[name], rows) for name, rows in sheet_querysets.items())
    )


# ---------------------------------------------------------------------------------------------
# Reading: bytes -> sheets of raw rows with their row numbers
# ---------------------------------------------------------------------------------------------
@dataclass
class RawSheet:
    sheet: Sheet
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the spreadsheet shows it, cells)
    label: str  # how messages name it: 'sheet "initiatives"' or 'the CSV file'


def _normalise_header(values: Iterable) -> list[str]:
    return [str(v).strip().lower().replace(" ", "_") if v is not None else "" for v in values]


def _sheet_for_header(header: list[str]) -> Sheet | None:
    named = {h for h in header if h}
    fits = [s for s in SHEETS.values() if s.key in named and named <= set(s.names)]
    if len(fits) == 1:
        return fits[0]
    # A full header is unambiguous even where a short one ("slug, name") is not.
    exact = [s for s in fits if named == set(s.names)]
    return exact[0] if len(exact) == 1 else None


def _check_header(header: list[str], sheet: Sheet, label: str) -> None:
    unknown = [h for h in header if h and h not in sheet.names]
    if unknown:
        raise SpreadsheetError(
            f"In {label}, these columns are not part of the {sheet.name} format: "
            f"{', '.join(unknown)}. Columns are: {', '.join(sheet.names)}."
        )
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise SpreadsheetError(f"In {label}, columns appear twice: {', '.join(repeated)}.")
    missing = [c.name for c in sheet.columns if c.required and c.name not in header]
    if sheet.key not in header:
        missing.insert(0, sheet.key)
    if missing:
        raise SpreadsheetError(f"In {label}, required columns are missing: {', '.join(missing)}.")


def _rows(raw_rows: Iterable[tuple], header: list[str], label: str):
    rows = []
    for number, values in raw_rows:
        if number - 1 > MAX_ROWS:
            raise SpreadsheetError(f"{label.capitalize()} has more than {MAX_ROWS} rows.")
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        cells.pop("", None)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue  # blank rows between blocks are common in hand-kept sheets
        rows.append((number, cells))
    return rows


def _read_xlsx(data: bytes) -> list[RawSheet]:
    try:
        workbook = open_xlsx(data)
    except UnreadableWorkbook as refusal:
        raise SpreadsheetError(str(refusal)) from refusal
    sheets = []
    try:
        for ws in workbook.worksheets:
            rows = ws.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None:
                continue
            header = _normalise_header(first)
            title = ws.title.strip().lower().replace(" ", "_")
            sheet = SHEETS.get(title) or _sheet_for_header(header)
            label = f'sheet "{ws.title}"'
            if sheet is None:
                raise SpreadsheetError(
                    f"Cannot tell which records {label} holds: name the sheet partners, "
                    "initiatives or progress_updates, with the columns of an export."
                )
            _check_header(header, sheet, label)
            sheets.append(
                RawSheet(sheet, header, _rows(enumerate(rows, start=2), header, label), label)
            )
    except SpreadsheetError:
        raise
    except Exception as error:  # a worksheet's XML is parsed only now, row by row
        raise SpreadsheetError(
            "The file is not a readable XLSX workbook: a worksheet is damaged."
        ) from error
    finally:
        workbook.close()
    return sheets


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's plain "CSV" is saved in the Windows code page of its user.
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SpreadsheetError("The CSV file is neither UTF-8 nor Windows-1252 text.") from error


def _read_csv(data: bytes, sheet_name: str = "") -> list[RawSheet]:
    text = _decode(data)
    if "\x00" in text:
        raise SpreadsheetError("The file is not a CSV text file.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise SpreadsheetError(f"The CSV file cannot be read: {error}.") from error
    if not records:
        raise SpreadsheetError("The CSV file is empty.")
    header = _normalise_header(records[0])
    sheet = SHEETS.get(sheet_name) or _sheet_for_header(header)
    if sheet is None:
        raise SpreadsheetError(
            "Cannot tell which records the CSV file holds from its columns: choose partners, "
            "initiatives or progress updates."
        )
    label = "the CSV file"
    _check_header(header, sheet, label)
    body = [(n, [csv_unescape(v) for v in values]) for n, values in enumerate(records[1:], start=2)]
    return [RawSheet(sheet, header, _rows(body, header, label), label)]


def read_spreadsheet(data: bytes, *, filename: str = "", sheet_name: str = "") -> list[RawSheet]:
    """The sheets of an uploaded file: an XLSX workbook (recognised by its bytes) or a CSV."""
    if not data:
        raise SpreadsheetError("The file is empty.")
    if data.startswith(XLSX_MAGIC):
        sheets = _read_xlsx(data)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise SpreadsheetError("The file is not a readable XLSX workbook.")
    else:
        if not sheet_name:
            stem = re.sub(r"[^a-z]+", "_", filename.lower().rsplit(".", 1)[0]).strip("_")
            sheet_name = next((name for name in SHEETS if stem.startswith(name)), "")
        sheets = _read_csv(data, sheet_name)
    if not any(s.rows for s in sheets):
        raise SpreadsheetError("The file has no rows to import.")
    order = list(SHEETS)
    return sorted(sheets, key=lambda s: order.index(s.sheet.name))
