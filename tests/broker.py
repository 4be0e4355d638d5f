"""Celery's broker for the tests: a broker that refuses connections, and fresh publishers."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from tests import ROOT
from tracker.celery import app as celery_app

# The broker of the real-worker tests; they are skipped without one (phase two of .ci/run sets it).
BROKER = os.environ.get("CELERY_BROKER_URL", "")


def reset_publisher_pools(app) -> None:
    """Forget every open broker connection, so the next publish connects to conf.broker_url."""
    from kombu import pools

    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@contextmanager
def broker_unreachable(*, eager: bool = False):
    """Celery publishing to a port where nothing listens: connections are refused."""
    conf = celery_app.conf
    keys = ("task_always_eager", "broker_url", "broker_connection_timeout")
    saved = {key: conf.get(key) for key in keys}
    # Celery prefers the CELERY_BROKER_URL environment variable (set in CI) to its settings.
    saved_env = os.environ.pop("CELERY_BROKER_URL", None)
    conf.update(
        task_always_eager=eager, broker_url="redis://127.0.0.1:1/0", broker_connection_timeout=1
    )
    reset_publisher_pools(celery_app)
    try:
        yield
    finally:
        if saved_env is not None:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.update(saved)
        reset_publisher_pools(celery_app)


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("The real-worker test needs a shared database: set DATABASE_URL to PostgreSQL.")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def celery_worker():
    """A `celery worker` process on the test database (PostgreSQL), stopped on leaving."""
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
