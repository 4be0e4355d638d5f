"""Fixtures of the tracking-screen tests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import build_world


@pytest.fixture
def world(db, malaysia, singapore):
    return build_world()


@pytest.fixture
def count_queries():
    """Queries one GET makes, after a warm-up request (first-use caches are not the page's cost)."""

    def count(client, url: str) -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured.captured_queries)

    return count
