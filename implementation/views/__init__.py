"""Pages of member-state implementation, by subject: the grid (its export, and which initiatives
it tracks), one record (its page, verification and query), every record as a spreadsheet, and a
member state's scorecard."""

from .grid import grid, grid_export, scope_set
from .record import record, record_query, record_verify
from .scorecard import scorecard
from .sheets import records_export, records_upload

__all__ = [
    "grid",
    "grid_export",
    "record",
    "record_query",
    "record_verify",
    "records_export",
    "records_upload",
    "scope_set",
    "scorecard",
]
