"""The benchmark dataset tracks every synthetic initiative per member state; the grid and the
scorecard it times answer in a fixed, small number of queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from implementation.models import ImplementationRecord, NationalScope
from initiatives.benchmark import dataset, measure

TINY = dataset.Size(
    "tiny", initiatives=60, meetings=4, partners=14, member_states=11, paragraphs_per_statement=3
)


@pytest.mark.django_db
def test_the_benchmark_times_the_grid_and_scorecard_within_15_queries(client):
    dataset.build(TINY)
    assert NationalScope.objects.count() == TINY.initiatives
    assert 0 < ImplementationRecord.objects.count() < TINY.initiatives * TINY.member_states
    client.force_login(get_user_model().objects.get(username="bench-officer"))
    pages = dict(measure.pages())
    for label in ("implementation grid, 50 initiatives", "implementation scorecard"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(pages[label])
        assert response.status_code == 200, label
        assert len(queries) <= 15, (label, len(queries))
    sorted_grid = client.get(
        pages["implementation grid, 50 initiatives"] + "?ordering=-implemented"
    )
    rows = sorted_grid.context["grid"].rows
    assert [r.implemented for r in rows] == sorted((r.implemented for r in rows), reverse=True)
