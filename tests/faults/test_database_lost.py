"""PostgreSQL lost while a statement import is being confirmed, and between requests.

How the fault is made: the confirming request's own backend is terminated with
pg_terminate_backend() while its transaction is open and has written the meeting, the statement,
its paragraphs, mentions and new initiatives. That is what a restart does to every open
connection (a fast shutdown sends the same signal to each backend), without stopping the
cluster that other databases on this server use. To catch the transaction at that point, a
second connection holds a SHARE lock on the outbox table, which the confirmation writes last
(the focal points' digest), and the backend is terminated once PostgreSQL shows it waiting on
that lock.
"""

import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from initiatives.models import ImportJob, Statement
from initiatives.views.imports import CONFIRM_INTERRUPTED
from notifications.models import OutboxMessage
from tests.initiatives.importer.steps import (
    SEED,
    load_tracker_without_statements,
    review_post,
    table_counts,
    upload,
)

from . import kit

pytestmark = kit.MARKS


def terminate_when_waiting(pid: int, table: str, result: dict) -> None:
    """Terminate backend `pid` once it waits for a lock on `table` (within 60 s)."""
    with kit.admin_connection() as admin:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            waiting = admin.execute(
                "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE l.pid = %s AND NOT l.granted AND c.relname = %s",
                [pid, table],
            ).fetchone()
            if waiting:
                result["terminated"] = admin.execute(
                    "SELECT pg_terminate_backend(%s)", [pid]
                ).fetchone()[0]
                return
            time.sleep(0.05)


@pytest.fixture
def ready_job(client, officer):
    load_tracker_without_statements()
    client.force_login(officer)
    response = upload(client)  # parsed eagerly when the upload commits
    job = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.state == ImportJob.State.READY, job.message
    return job


def test_a_connection_lost_mid_confirmation_writes_nothing_says_so_and_the_retry_succeeds(
    client, ready_job
):
    from django.db import connection

    review = reverse("initiatives:import_review", args=[ready_job.pk])
    before = table_counts()
    connection.ensure_connection()
    backend = connection.connection.info.backend_pid
    outbox = OutboxMessage._meta.db_table

    result: dict = {}
    with kit.admin_connection(autocommit=False) as blocker:
        blocker.execute(f'LOCK TABLE "{outbox}" IN SHARE MODE')
        killer = threading.Thread(target=terminate_when_waiting, args=(backend, outbox, result))
        killer.start()
        started = time.monotonic()
        response = client.post(review, review_post(ready_job, confirm="1"))
        elapsed = time.monotonic() - started
        killer.join()
        blocker.rollback()
    assert result.get("terminated") is True, "the confirmation never reached the outbox"

    # A clear error, on the import's own page: nothing was saved, press Confirm again.
    assert response.status_code == 302
    assert response.url == reverse("initiatives:import_detail", args=[ready_job.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [CONFIRM_INTERRUPTED]
    # Nothing half-written: every table holds what it held before (the job is still ready).
    assert table_counts() == before
    ready_job.refresh_from_db()
    assert ready_job.state == ImportJob.State.READY
    assert connection.connection is None or connection.is_usable()
    page = client.get(response.url)
    assert page.status_code == 200 and CONFIRM_INTERRUPTED.encode() in page.content

    # The retry, on a fresh connection, saves the whole import.
    retry = client.post(review, review_post(ready_job, confirm="1"))
    assert retry.status_code == 302
    statement = Statement.objects.get()
    assert retry.url == statement.meeting.get_absolute_url()
    assert statement.paragraphs.count() == 21 and statement.text == SEED.read_text("utf-8")
    ready_job.refresh_from_db()
    assert ready_job.state == ImportJob.State.CONFIRMED
    assert OutboxMessage.objects.filter(topic="statement_confirmed").count() == 1
    print(
        f"\nFault: backend {backend} terminated mid-confirmation after {elapsed:.1f} s; nothing "
        f"written, the officer told so; the retry imported {statement.paragraphs.count()} "
        "paragraphs"
    )


def serve(env_overrides: dict, port: int):
    """gunicorn on the test settings (2 threads: two persistent connections to lose)."""
    import os
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": kit.database_url(),
        "DJANGO_SECRET_KEY": "fault-run-only-" + "k3y-" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        **env_overrides,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--threads", "2", "--log-level", "warning"],
        cwd=kit.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def up() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return True
        except urllib.error.HTTPError:
            return True  # answering, even if not with 200
        except OSError:
            return server.poll() is not None

    try:
        kit.wait_for(up, 60, "gunicorn starting")
    except BaseException:
        server.kill()
        raise
    return server


def get(port: int, path: str) -> tuple[int, str, dict]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_after_every_connection_is_dropped_the_next_requests_are_served(db):
    """CONN_HEALTH_CHECKS: a persistent connection the database dropped (a restart) is noticed
    before the request uses it, so the first requests after the fault are not errors."""
    from django.db import connection

    server = serve({}, 8791)
    try:
        for _ in range(4):
            assert get(8791, "/healthz/")[0] == 200
        connection.ensure_connection()
        mine = connection.connection.info.backend_pid
        with kit.admin_connection() as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                [mine],
            ).fetchone()[0]
        assert dropped >= 1, "the server held no persistent connection"
        statuses = [get(8791, "/healthz/")[0] for _ in range(6)]
        assert statuses == [200] * 6
        print(f"\nFault: {dropped} persistent connections dropped; the next 6 requests: 200")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_while_the_database_is_unreachable_pages_answer_503_and_ask_to_retry(db):
    server = serve({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere"}, 8792)
    try:
        status, body, headers = get(8792, "/healthz/")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert status == 503, body[:500]
    assert "briefly unavailable" in body and headers.get("Retry-After") == "10"
