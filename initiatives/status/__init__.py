"""The status engine: how the tracker reads evidence into a status. No database here.

reading.py: evidence into the status that holds; changes.py: what a meeting changed;
expected.py: expected steps, overdue, stale. Import from here: `from initiatives import status`.

Every page, export, feed and the importer ask these functions which status holds, since when,
whether a next step is overdue, whether an initiative is stale and what changed between two
meetings, so that the answer is the same everywhere. The rules are those of shared/DESIGN.md,
"Reading a statement":

- the latest evidence wins; evidence is what a held meeting said (a statement quotation, a
  report of the meeting or an officer's entry of it) and officers' dated progress updates;
- at one meeting a statement outranks a report of it, and several statuses said of one
  initiative resolve to the furthest along, an end (completed, discontinued, superseded)
  outranking the rest;
- an officer's update outranks meetings before its date and is outranked by the next meeting
  (an update dated on a meeting's first day is taken as written after it);
- a mention without a status carries the status over; a withdrawn update, a report replaced by
  a quotation and a planned meeting count for nothing;
- "since" is when the current status began; saying it again is a reaffirmation, not a new start.

Callers load the evidence (initiatives/selectors/evidence.py does it in two queries) and pass
plain values in, so these functions are cheap to test exhaustively (tests/initiatives/status/).
"""

from .changes import (  # noqa: F401
    CHANGE_KINDS,
    CHANGE_LABELS,
    CHANGE_MEANINGS,
    AtMeeting,
    Change,
    ChangeKind,
    Standing,
    at_meetings,
    change_at,
    compare_statuses,
    last_seen_before,
    mentioned_at,
    movement,
    said_at,
    standings,
)
from .expected import (  # noqa: F401
    due_by,
    expectation_met,
    format_expected,
    is_overdue,
    is_stale,
    last_evidence_on,
    precision_of,
    stale_cutoff,
)
from .reading import (  # noqa: F401
    ENDS,
    NO_STATUS_LABEL,
    NOTHING,
    ONE_OFF_KINDS,
    Evidence,
    Holding,
    MeetingKey,
    Moment,
    Reading,
    Source,
    furthest,
    moments,
    read,
    status_at_meeting,
    status_before_meeting,
    status_label,
    status_on,
    transitions,
)
