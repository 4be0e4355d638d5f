"""Reads that several views (and the API) share.

Every function here answers with a fixed number of queries whatever the number of rows, so that
the pages built on them stay fast as the record grows; the view tests assert it.

- lists: the annotated initiative list, stale and due initiatives, counts, recent updates
- records: one initiative's facts, timeline across meetings and updates
- meetings: meeting pages, the comparison with the previous meeting, the status matrix
"""

from .lists import (
    DUE_SOON_DAYS,
    TERMINAL_STATUSES,
    StatusCounts,
    due_soon_q,
    expected_dates,
    initiative_list,
    initiatives_for_export,
    overdue_q,
    recent_updates,
    stale_cutoff,
    stale_initiatives,
    stale_q,
    status_counts,
    status_rank_expression,
    with_tracking,
)
from .meetings import (
    CHANGE_KINDS,
    CHANGE_LABELS,
    Change,
    Matrix,
    MatrixCell,
    MatrixRow,
    MeetingComparison,
    MeetingsAtAGlance,
    matrix_meetings,
    meeting_comparison,
    meeting_with_paragraphs,
    meetings_at_a_glance,
    meetings_in_order,
    next_meeting_in_series,
    previous_meeting,
    slug_url_maker,
    status_matrix,
    unsourced_mentions,
)
from .records import (
    TimelineEntry,
    initiative_for_detail,
    initiative_timeline,
    initiative_updates,
)

__all__ = [
    "CHANGE_KINDS",
    "CHANGE_LABELS",
    "TERMINAL_STATUSES",
    "Change",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "MeetingComparison",
    "MeetingsAtAGlance",
    "TimelineEntry",
    "expected_dates",
    "initiative_for_detail",
    "initiative_list",
    "initiative_timeline",
    "initiative_updates",
    "initiatives_for_export",
    "matrix_meetings",
    "meeting_comparison",
    "meeting_with_paragraphs",
    "meetings_at_a_glance",
    "meetings_in_order",
    "next_meeting_in_series",
    "previous_meeting",
    "slug_url_maker",
    "recent_updates",
    "stale_cutoff",
    "stale_initiatives",
    "stale_q",
    "DUE_SOON_DAYS",
    "due_soon_q",
    "overdue_q",
    "StatusCounts",
    "status_counts",
    "status_matrix",
    "status_rank_expression",
    "unsourced_mentions",
    "with_tracking",
]
