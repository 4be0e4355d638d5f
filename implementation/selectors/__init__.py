"""Reads of member-state implementation, by page: the grid, a country's scorecard, the focal
point's dashboard block (and the reminder's lists), over what they share (common).

Every function reads a fixed number of queries whatever the number of initiatives: records are
fetched for a page of initiatives (or a state) at once and laid out in Python.
"""

from ..models import is_member_on
from .common import (
    LIST_LIMIT,
    SIDE_LIMIT,
    Capped,
    last_held_meeting,
    member_states,
    records_on,
    tracked_initiatives,
)
from .dashboard import DASHBOARD_LIMIT, CountryBlock, country_block, needing_update
from .grid import Cell, Grid, GridRow, grid
from .scorecard import (
    CHART_HEIGHT,
    CHART_PAD,
    CHART_WIDTH,
    Change,
    ChartPoint,
    Scorecard,
    Share,
    scorecard,
    share_over_time,
)

__all__ = [
    "CHART_HEIGHT",
    "CHART_PAD",
    "CHART_WIDTH",
    "DASHBOARD_LIMIT",
    "LIST_LIMIT",
    "SIDE_LIMIT",
    "Capped",
    "Cell",
    "Change",
    "ChartPoint",
    "CountryBlock",
    "Grid",
    "GridRow",
    "Scorecard",
    "Share",
    "country_block",
    "grid",
    "is_member_on",
    "last_held_meeting",
    "member_states",
    "needing_update",
    "records_on",
    "scorecard",
    "share_over_time",
    "tracked_initiatives",
]
