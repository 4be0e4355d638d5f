"""Writes to the tracking records. Views, commands, tasks and the API call these, never .save().

Each function takes keyword-only arguments and runs in one transaction, so a write that touches
several rows either lands whole or not at all. By subject: mentions.py (statements and what
they mention), records.py (initiatives and meetings), progress.py (updates, country notes, bulk
status), confirmed.py (a confirmed statement import). Import them from here.
"""

from tracker.slugs import unique_slug  # noqa: F401  (the slug rule of every write here)

from .confirmed import (  # noqa: F401
    initiative_add_spellings,
    initiative_create_found,
    initiative_expect_from,
    meeting_announce,
    meeting_record_held,
    mentions_record_quoted,
    statement_correct,
)
from .mentions import (  # noqa: F401
    initiative_refresh_status,
    meeting_default_title,
    meeting_slug,
    mention_record,
    statement_create,
)
from .progress import (  # noqa: F401
    country_note_create,
    initiatives_bulk_set_status,
    progress_update_create,
    progress_update_edit,
    progress_update_withdraw,
)
from .records import (  # noqa: F401
    INITIATIVE_FIELDS,
    MEETING_FIELDS,
    PROGRESS_FIELDS,
    RESERVED_SLUGS,
    initiative_create,
    initiative_set_links,
    initiative_update,
    meeting_create,
    meeting_update,
)
