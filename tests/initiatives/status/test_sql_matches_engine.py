"""Where a list needs SQL at scale (stale, overdue), the SQL answers as the plain function."""

import itertools
from datetime import date, timedelta

import pytest

from initiatives import status as engine
from initiatives.models import Initiative
from initiatives.selectors import lists

TODAY = date(2026, 12, 2)


@pytest.mark.django_db
def test_the_stale_filter_is_the_engine_s_is_stale(settings):
    settings.STALE_AFTER_DAYS = 365
    cases = itertools.product(
        ["framework", "declaration"],
        ["", "adopted", "completed", "stalled"],
        [None, TODAY - timedelta(days=364), TODAY - timedelta(days=366)],
    )
    for n, (kind, status, last) in enumerate(cases):
        Initiative.objects.create(
            name=f"I{n}", slug=f"i{n}", kind=kind, status=status, last_evidence_on=last
        )
    in_sql = set(Initiative.objects.filter(lists.stale_q(TODAY)).values_list("pk", flat=True))
    by_engine = {
        i.pk
        for i in Initiative.objects.all()
        if engine.is_stale(
            kind=i.kind,
            held=i.status,
            last_evidence_on=i.last_evidence_on,
            today=TODAY,
            stale_days=365,
        )  # fmt: skip
    }
    assert in_sql == by_engine and 0 < len(in_sql) < Initiative.objects.count()


@pytest.mark.django_db
def test_the_overdue_list_is_the_engine_s_is_overdue():
    cases = itertools.product(
        [date(2026, 1, 1), date(2026, 12, 1), date(2027, 3, 1)],
        ["day", "month", "year"],
        ["preparing", "adopted", "completed"],
        ["preparing", "adopted"],
    )
    for n, (on, precision, held, expected_status) in enumerate(cases):
        Initiative.objects.create(
            name=f"I{n}", slug=f"i{n}", status=held, expected_date=on,
            expected_precision=precision, expected_status=expected_status,
        )  # fmt: skip
    overdue, _ = lists.expected_dates(today=TODAY, limit=1000)
    by_engine = {
        i.pk
        for i in Initiative.objects.all()
        if engine.is_overdue(
            expected_on=i.expected_date,
            precision=i.expected_precision,
            expected_status=i.expected_status,
            held=i.status,
            today=TODAY,
        )  # fmt: skip
    }
    assert {i.pk for i in overdue} == by_engine and by_engine
