"""With the Celery broker down, saves answer at once and the outbox keeps what was queued."""

import time
from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives import services
from notifications.models import OutboxMessage
from tests.broker import broker_unreachable


@pytest.fixture
def broker_down():
    # One way to stop the broker for every test (it also forgets kombu's shared pools, which a
    # later real-worker test would otherwise find closed).
    with broker_unreachable():
        yield


@pytest.fixture
def commit_callbacks_run(monkeypatch):
    """The test's transaction never commits: run on_commit callbacks at once, as a commit would."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda fn, using=None, robust=False: fn())


def test_a_progress_update_answers_within_a_second_and_waits_in_the_outbox(
    broker_down, commit_callbacks_run, officer, admin_user
):
    initiative = services.initiative_create(user=officer, name="Data Framework", owner=admin_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")

    def record(day: int) -> tuple[int, float]:
        started = time.monotonic()
        response = api.post(
            "/api/progress-updates/",
            {"initiative": initiative.slug, "date": date(2025, 5, day).isoformat(), "summary": "x"},
            format="json",
        )
        return response.status_code, time.monotonic() - started

    # The first request of a process pays for imports (the Redis transport among them).
    assert record(1)[0] == 201
    for day in (2, 3):
        status, elapsed = record(day)
        assert status == 201 and elapsed < 1, f"{elapsed:.1f} s"
    # The owner's notices are kept for the periodic delivery job.
    assert OutboxMessage.objects.filter(delivered_at__isnull=True).count() == 3


def test_an_upload_answers_at_once_and_the_job_says_parsing_waits(
    broker_down, commit_callbacks_run, officer
):
    from initiatives.importer.services import import_job_create
    from initiatives.models import ImportJob

    import_job_create(data=b"1. The Meeting met.\n", filename="s.md", user=officer)  # warm-up
    started = time.monotonic()
    job = import_job_create(data=b"1. The Meeting met.\n", filename="s.md", user=officer)
    assert time.monotonic() - started < 1
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and "upload it again" in job.message
