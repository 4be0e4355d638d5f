"""Expected steps at their precision, overdue and stale."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from ..choices import DatePrecision
from .changes import _compare_rank
from .reading import ENDS, ONE_OFF_KINDS, Evidence


# ---------------------------------------------------------------------------------------------
# Expected dates, overdue and stale
# ---------------------------------------------------------------------------------------------
def due_by(on: date, precision: str) -> date:
    """The last day of an expected date at its precision: "in 2023" is due by 31 December."""
    if precision == DatePrecision.YEAR:
        return date(on.year, 12, 31)
    if precision in (DatePrecision.HALF, DatePrecision.QUARTER):
        months = 6 if precision == DatePrecision.HALF else 3
        last_month = ((on.month - 1) // months + 1) * months
        return date(on.year, last_month, calendar.monthrange(on.year, last_month)[1])
    if precision == DatePrecision.MONTH:
        return date(on.year, on.month, calendar.monthrange(on.year, on.month)[1])
    return on


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def precision_of(words: str) -> str:
    """How precise words of expectation are: "by 15 March 2024" a day, "in March 2024" a
    month, "Q3 2024" a quarter, "early 2023" or "mid-2026" a half-year, "in 2023" a year."""
    tokens = [t.strip(".,;()") for t in words.casefold().replace("-", " ").split()]
    has_month = any(
        len(t) >= 3 and any(m.startswith(t) for m in _MONTHS) for t in tokens if t.isalpha()
    )
    has_day = any(t.isdigit() and 1 <= int(t) <= 31 for t in tokens)
    if has_month and has_day:
        return DatePrecision.DAY
    if has_month:
        return DatePrecision.MONTH
    if any(t in {"q1", "q2", "q3", "q4", "quarter"} for t in tokens):
        return DatePrecision.QUARTER
    if any(t in {"early", "mid", "late", "half", "h1", "h2", "middle"} for t in tokens):
        return DatePrecision.HALF
    return DatePrecision.YEAR if words.strip() else DatePrecision.DAY


def format_expected(on: date, precision: str) -> str:
    """An expected date as precise as it was said: "2023", "H1 2026", "March 2024", a day."""
    if precision == DatePrecision.YEAR:
        return str(on.year)
    if precision == DatePrecision.HALF:
        return f"{'first' if on.month <= 6 else 'second'} half of {on.year}"
    if precision == DatePrecision.QUARTER:
        return f"Q{(on.month - 1) // 3 + 1} {on.year}"
    if precision == DatePrecision.MONTH:
        return on.strftime("%B %Y")
    return f"{on.day} {on.strftime('%B %Y')}"


def expectation_met(*, expected_status: str, held: str) -> bool:
    """Whether the step expected has happened: the status moved past the one that held when
    the step was expected (an end always settles it)."""
    if held in ENDS:
        return True
    if not held or not expected_status:
        return False
    return _compare_rank(held) > _compare_rank(expected_status)


def is_overdue(
    *, expected_on: date | None, precision: str, expected_status: str, held: str, today: date
) -> bool:
    """An expected step is overdue once its whole period has passed without it happening."""
    if expected_on is None or expectation_met(expected_status=expected_status, held=held):
        return False
    return due_by(expected_on, precision) < today


def stale_cutoff(today: date, stale_days: int) -> date:
    return today - timedelta(days=stale_days)


def is_stale(
    *, kind: str, held: str, last_evidence_on: date | None, today: date, stale_days: int
) -> bool:
    """No evidence of any kind (a meeting's mention, an update, a country note) for the stale
    period. One-off acts and finished initiatives are never stale."""
    if kind in ONE_OFF_KINDS or held in ENDS:
        return False
    return last_evidence_on is None or last_evidence_on < stale_cutoff(today, stale_days)


def last_evidence_on(evidence: Iterable[Evidence]) -> date | None:
    days = [e.on for e in evidence if e.counts]
    return max(days) if days else None
