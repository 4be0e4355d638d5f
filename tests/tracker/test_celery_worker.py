"""A task executed by a real Celery worker through the configured broker (Redis in CI)."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from initiatives.models import Initiative, Meeting, Mention
from initiatives.tasks import refresh_initiative_status
from tests import ROOT
from tests.broker import reset_publisher_pools
from tracker.celery import app as celery_app

BROKER = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not BROKER.startswith("redis"),
        reason="no CELERY_BROKER_URL=redis://... set: the real-worker test runs in .ci/run",
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("The real-worker test needs a shared database: set DATABASE_URL to PostgreSQL.")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db):
    """A `celery worker` process on the test database, stopped after the test."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "tracker.settings_test",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    # Start from fresh broker connections: an earlier test in this process may have closed the
    # shared pools (stopping the broker, a fault run), and a closed pool refuses every acquire.
    reset_publisher_pools(celery_app)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = celery_app.control.ping(timeout=1.0)
            if replies:
                break
            if proc.poll() is not None:
                pytest.fail(f"the worker exited: {proc.stdout.read()}")
        else:
            pytest.fail("no Celery worker answered within 60 s")
        yield proc
    finally:
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_real_worker_executes_a_task_through_the_broker(worker):
    meeting = Meeting.objects.create(
        series="ADGMIN", number=9, slug="adgmin-9", start_date="2030-01-10"
    )
    initiative = Initiative.objects.create(name="Worker Check Framework", slug="wcf")
    Mention.objects.create(meeting=meeting, initiative=initiative, status="adopted")
    assert initiative.status == ""

    result = refresh_initiative_status.delay(initiative.pk)
    assert result.get(timeout=60) == "adopted"

    initiative.refresh_from_db()
    assert initiative.status == "adopted"
    print(f"\nCelery: task {result.id} executed by a real worker via {BROKER.split('@')[-1]}")
