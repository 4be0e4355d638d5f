"""Implementation records as a spreadsheet, both ways: what the export writes, the import reads.

    initiative | member_state | stage | as_of | evidence_url | note | verification* | version

(* read-only: written for reference, ignored on import.) Rows are matched on initiative and
member state (slugs). Exporting and importing the file unchanged changes nothing: a row whose
values equal the stored record is skipped. `version` is the version the row was exported at: a
record saved by someone else since is refused as a conflict.

An upload is all or nothing: every row is checked first (a focal point's row for another member
state is named and refused), then applied in one transaction through the services; any refusal
leaves every record as it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from initiatives.models import Initiative
from partners.models import Partner
from tracker import permissions
from tracker.history import ConcurrentEditError
from tracker.spreadsheet import (
    XLSX_MAGIC,
    Sheet,
    UnreadableWorkbook,
    csv_bytes,
    csv_unescape,
    open_xlsx,
    xlsx_bytes,
)

from . import services
from .choices import Stage
from .models import ImplementationRecord

# The two keys, what the services edit, then verification (read only) and the version read.
COLUMNS = ["initiative", "member_state", *services.RECORD_FIELDS, "verification", "version"]
REQUIRED = {"initiative", "member_state", "stage", "as_of"}
MAX_ROWS = 20_000


class SpreadsheetRefused(Exception):
    """The upload as a whole is refused; `problems` name the rows."""

    def __init__(self, problems: list[str], *, forbidden: bool = False):
        self.problems = problems
        self.forbidden = forbidden
        super().__init__("; ".join(problems))


@dataclass
class UploadResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    rows: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _records(queryset=None):
    queryset = ImplementationRecord.objects.tracked() if queryset is None else queryset
    return queryset.select_related("initiative", "member_state").order_by(
        "initiative__slug", "member_state__slug"
    )


def _values(record: ImplementationRecord) -> list:
    return [
        record.initiative.slug,
        record.member_state.slug,
        record.stage,
        record.as_of,
        record.evidence_url,
        record.note,
        record.verification,
        record.version,
    ]


def export_csv(queryset=None) -> bytes:
    return csv_bytes(COLUMNS, (_values(record) for record in _records(queryset)))


def export_xlsx(queryset=None) -> bytes:
    rows = (_values(record) for record in _records(queryset))
    return xlsx_bytes([Sheet("implementation_records", COLUMNS, rows)])


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells by column) of an uploaded CSV or XLSX file."""
    if not data:
        raise SpreadsheetRefused(["The file is empty."])
    if data.startswith(XLSX_MAGIC):
        try:
            workbook = open_xlsx(data)
        except UnreadableWorkbook as refusal:
            raise SpreadsheetRefused([str(refusal)]) from refusal
        try:
            raw = [
                [_text(v) for v in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        if "\x00" in text:
            raise SpreadsheetRefused(["The file is not a CSV text file."])
        try:
            raw = [[csv_unescape(v.strip()) for v in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as error:
            raise SpreadsheetRefused([f"The CSV file cannot be read: {error}."]) from error
    if not raw:
        raise SpreadsheetRefused(["The file is empty."])
    header = [h.strip().lower() for h in raw[0]]
    missing = REQUIRED - set(header)
    if missing:
        raise SpreadsheetRefused([f"Missing column(s): {', '.join(sorted(missing))}."])
    if len(raw) - 1 > MAX_ROWS:
        raise SpreadsheetRefused([f"At most {MAX_ROWS} rows per upload."])
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(values):
            continue
        cells = dict(zip(header, [*values, *[""] * (len(header) - len(values))], strict=False))
        rows.append((number, cells))
    return rows


# ---------------------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------------------
def _parse(number: int, cells: dict, initiatives: dict, states: dict, problems: list[str]):
    slug, state_slug = cells.get("initiative", ""), cells.get("member_state", "")
    initiative, state = initiatives.get(slug), states.get(state_slug)
    where = f"Row {number}"
    if initiative is None:
        problems.append(f"{where}: no initiative implemented nationally has the slug {slug!r}.")
    if state is None:
        problems.append(f"{where}: no member state has the slug {state_slug!r}.")
    stage = cells.get("stage", "")
    if stage not in Stage.values:
        problems.append(f"{where}: stage {stage!r} is not one of {', '.join(Stage.values)}.")
    try:
        as_of = date.fromisoformat(cells.get("as_of", ""))
    except ValueError:
        problems.append(f"{where}: as_of {cells.get('as_of')!r} is not a YYYY-MM-DD date.")
        as_of = None
    version = cells.get("version", "")
    if version and not version.isdigit():
        problems.append(f"{where}: version {version!r} is not a whole number.")
    return {
        "initiative": initiative,
        "state": state,
        "stage": stage,
        "as_of": as_of,
        "evidence_url": cells.get("evidence_url", ""),
        "note": cells.get("note", ""),
        "version": int(version) if version.isdigit() else None,
    }


@transaction.atomic
def import_records(data: bytes, *, user) -> UploadResult:
    """Apply an uploaded file, all or nothing. Raises SpreadsheetRefused naming the rows."""
    rows = read_rows(data)
    initiatives = {
        i.slug: i
        for i in Initiative.objects.filter(
            national_scope__implemented_nationally=True,
            slug__in={c.get("initiative", "") for _, c in rows},
        )
    }
    states = {p.slug: p for p in Partner.objects.member_states()}
    problems: list[str] = []
    parsed = [(n, _parse(n, cells, initiatives, states, problems)) for n, cells in rows]
    stored = {
        (r.initiative_id, r.member_state_id): r
        for r in ImplementationRecord.objects.filter(initiative__in=initiatives.values())
    }

    def unchanged(row) -> bool:
        current = stored.get((row["initiative"].pk, row["state"].pk))
        return current is not None and all(
            getattr(current, k) == row[k] for k in services.RECORD_FIELDS
        )

    # A focal point may leave other states' rows in the file as exported, but a row that would
    # change another state's record is named and refused, and nothing is applied.
    others = [
        f"Row {n}: {row['state'].label} is not your member state."
        for n, row in parsed
        if row["state"] is not None
        and row["initiative"] is not None
        and not permissions.can_write_implementation(user, row["state"])
        and not unchanged(row)
    ]
    if others:
        raise SpreadsheetRefused(others, forbidden=True)
    if problems:
        raise SpreadsheetRefused(problems)
    result = UploadResult()
    seen = set()
    for number, row in parsed:
        key = (row["initiative"].pk, row["state"].pk)
        if key in seen:
            problems.append(f"Row {number}: a second row for the same initiative and state.")
            continue
        seen.add(key)
        current = stored.get(key)
        if unchanged(row):
            result.unchanged += 1
            continue
        values = {k: row[k] for k in services.RECORD_FIELDS}
        try:
            services.implementation_record_save(
                initiative=row["initiative"],
                member_state=row["state"],
                user=user,
                expected_version=row["version"] if current is not None else 0,
                **values,
            )
        except ConcurrentEditError as conflict:
            problems.append(f"Row {number}: {conflict}")
            continue
        except ValidationError as error:
            messages = [m for ms in getattr(error, "message_dict", {}).values() for m in ms]
            problems.append(f"Row {number}: {' '.join(messages or error.messages)}")
            continue
        except PermissionDenied as error:
            problems.append(f"Row {number}: {error}")
            continue
        if current is None:
            result.created += 1
        else:
            result.changed += 1
    if problems:
        raise SpreadsheetRefused(problems)  # leaving the transaction undoes every row
    return result
