"""API fuzzing from the OpenAPI schema (schemathesis), as each role, offline and bounded.

The schema is generated in-process (drf-spectacular) and every operation is called through
Django's WSGI application inside the test's transaction, with a few generated requests each:
no answer may be a server error. FUZZ_EXAMPLES (environment) raises the number per operation.
"""

import json
import os

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))


def _schema():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    document = json.loads(json.dumps(document, cls=DjangoJSONEncoder))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    return schema


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection at the end of each request; inside the
    test's transaction (PostgreSQL) that would close it under the test. Django's test client
    keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("persona", ["officer", "focal_my", "admin_user"])
def test_no_operation_answers_with_a_server_error(demo, request, persona, keep_connection):
    user = request.getfixturevalue(persona)
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
    failures, statuses = [], []
    operations = _operations()
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}")

        call()
    assert failures == [], failures[:10]
    # Every operation was called, and some calls got through validation to the views.
    assert len(statuses) >= len(operations) and any(200 <= s < 300 for s in statuses)
