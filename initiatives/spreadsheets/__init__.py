"""Spreadsheet exchange of partners, initiatives and progress updates: one format both ways.

What an export writes, an import reads back: the same sheets, the same columns, the same cell
encodings, so that exporting and importing the file unchanged changes nothing. An XLSX workbook
holds one sheet per kind of record (partners, initiatives, progress_updates); a CSV file holds
one kind, recognised from its header (or named by the uploader).

    partners          slug | name | short_name | kind | parent | country_code | member_since | ...
    initiatives       slug | name | acronym | kind | status* | ... | partners | outcomes | ...
    progress_updates  id | initiative | date | status | percent_complete | summary | ...

(* read-only: exported for reference, ignored on import. Rows are matched on `slug` or `id`; a
row with a new slug or no id is created; rows missing from the file are left alone.) Lists sit
in one cell separated by " | "; partner roles read "partner-slug:role" and desired outcomes
"masterplan-slug:code". Dates are real date cells in XLSX and YYYY-MM-DD in CSV.

An import is planned before anything is written: every row is parsed and checked, and compared
with what is stored, giving what would be created and changed. The plan is then tried inside a
transaction that is rolled back (the preview), so that the rules of the services are checked
too, and applied for real on confirmation in one transaction: any bad row, reported with its row
number, means nothing is applied.

Why not django-import-export: its resources save rows with Model.save(), which would bypass the
services that hold our rules (permissions, sanitising, optimistic versions, status refresh,
history user); it reports errors per instance rather than per sheet row, and it has no notion
of references between sheets of one workbook. openpyxl (XLSX) and the csv module are enough.
"""

from tracker.spreadsheet import XLSX_TYPE

from .apply import ImportRefused, ImportResult, apply_import, import_spreadsheet
from .files import RawSheet, export_csv, export_xlsx, read_spreadsheet
from .format import (
    INITIATIVES,
    LIST_SEPARATOR,
    PARTNERS,
    PROGRESS,
    SHEETS,
    CellError,
    Column,
    Sheet,
    SpreadsheetError,
    cell_text,
    querysets,
    record_values,
)
from .plan import ImportPlan, Problem, RowPlan, plan_import

__all__ = [
    "INITIATIVES",
    "LIST_SEPARATOR",
    "PARTNERS",
    "PROGRESS",
    "SHEETS",
    "XLSX_TYPE",
    "CellError",
    "Column",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "Problem",
    "RawSheet",
    "RowPlan",
    "Sheet",
    "SpreadsheetError",
    "apply_import",
    "cell_text",
    "export_csv",
    "export_xlsx",
    "import_spreadsheet",
    "plan_import",
    "querysets",
    "read_spreadsheet",
    "record_values",
]
