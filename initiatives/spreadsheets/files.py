"""Spreadsheet files: writing an export (CSV or XLSX) and reading an upload back into raw rows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models

from .format import (
    FORMULA_START,
    MAX_ROWS,
    SHEETS,
    XLSX_MAGIC,
    Sheet,
    SpreadsheetError,
    cell_text,
    querysets,
    record_values,
)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def export_csv(sheet_name: str, queryset: models.QuerySet | None = None) -> bytes:
    """One kind of record as CSV (UTF-8 with a byte-order mark, which Excel needs)."""
    sheet = SHEETS[sheet_name]
    rows = queryset if queryset is not None else querysets()[sheet_name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.names)
    for obj in rows:
        values = record_values(sheet, obj)
        writer.writerow(
            [
                _csv_safe(cell_text(values[c.name]))
                if c.kind != "int"
                else cell_text(values[c.name])
                for c in sheet.columns
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(sheet_querysets: dict[str, Iterable]) -> bytes:
    """A workbook with one sheet per kind of record, in the order given."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, rows in sheet_querysets.items():
        sheet = SHEETS[sheet_name]
        ws = workbook.create_sheet(sheet.name)
        ws.append(sheet.names)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row_number, obj in enumerate(rows, start=2):
            values = record_values(sheet, obj)
            for col_number, column in enumerate(sheet.columns, start=1):
                value = values[column.name]
                cell = ws.cell(row=row_number, column=col_number)
                if value is None or value == "":
                    continue
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # literal text, never a formula
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
        for col_number, column in enumerate(sheet.columns, start=1):
            wide = column.kind in ("lines", "roles", "outcomes") or column.name in (
                "name",
                "summary",
                "description",
            )
            ws.column_dimensions[get_column_letter(col_number)].width = 40 if wide else 16
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError("The file is not a readable XLSX workbook.") from error
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


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and len(value) > 1 else value


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
    body = [(n, [_unescape(v) for v in values]) for n, values in enumerate(records[1:], start=2)]
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
