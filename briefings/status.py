"""Which status holds on the eve of a meeting, and whether a next step is due: asked of the
tracker's one status engine (initiatives/status.py), never worked out here."""

from __future__ import annotations

from datetime import date, timedelta

from initiatives import status as engine
from initiatives.models import Meeting
from initiatives.selectors.evidence import evidence_by_initiative, meeting_key


def holdings_on_eve(
    ids: list[int], meeting: Meeting, as_on: date
) -> dict[int, tuple[str, date | None]]:
    """initiative id -> (status, since when) on the eve of `meeting`, from the evidence dated up
    to `as_on`. Two queries."""
    evidence = evidence_by_initiative(ids, until=as_on)
    key = meeting_key(meeting)
    out = {}
    for pk in ids:
        holding = engine.status_before_meeting(evidence.get(pk, ()), key)
        out[pk] = (holding.status, holding.since)
    return out


def due(
    *,
    expected_on: date | None,
    precision: str,
    expected_status: str,
    held: str,
    meeting: Meeting,
    as_on: date,
) -> str:
    """ "overdue" when the whole expected period passed by the eve without the step happening,
    "due" when it ends before the meeting, "" otherwise (or when it has happened or ended)."""
    if expected_on is None or held in engine.ENDS:
        return ""
    if engine.expectation_met(expected_status=expected_status, held=held):
        return ""
    if engine.is_overdue(
        expected_on=expected_on,
        precision=precision,
        expected_status=expected_status,
        held=held,
        today=as_on + timedelta(days=1),  # overdue on the eve itself
    ):
        return "overdue"
    if meeting.start_date is None or engine.due_by(expected_on, precision) < meeting.start_date:
        return "due"
    return ""


def label(status: str) -> str:
    return engine.status_label(status)


def expected_label(expected_on: date | None, precision: str, text: str) -> str:
    if expected_on is None:
        return text
    return engine.format_expected(expected_on, precision)
