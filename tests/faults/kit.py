"""What the fault runs share: the real services they need, a mail sink that can hang, Celery
processes started on the test database, Redis stopped and started, PostgreSQL backends found.

The fault runs are opt-in (ADGMIN_FAULTS=1, set by .ci/run's phase two): they stop Redis and
kill processes. When asked for, a missing service FAILS them; they never skip themselves then.
"""

from __future__ import annotations

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests import ROOT

REQUESTED = os.environ.get("ADGMIN_FAULTS", "") == "1"
# A Redis database of their own, so that no other worker on this Redis takes their tasks.
REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/5")
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
    "--save", "", "--appendonly", "no",
]  # fmt: skip

MARKS = [
    pytest.mark.services,
    pytest.mark.skipif(
        not REQUESTED,
        reason="fault runs stop Redis and kill workers: .ci/run phase two runs them "
        "(ADGMIN_FAULTS=1 with PostgreSQL and Redis)",
    ),
    # Workers and web processes read committed rows; the data migrations' rows come back after.
    pytest.mark.django_db(transaction=True),
]


def wait_for(condition, timeout: float = 60.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen within {timeout:.0f} s")


# ----------------------------------------------------------------------------------------------
# Redis
# ----------------------------------------------------------------------------------------------
def redis_up() -> bool:
    result = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"], capture_output=True, text=True
    )
    return result.stdout.strip() == "PONG"


def redis_start() -> None:
    if not redis_up():
        subprocess.run(REDIS_START, check=False, capture_output=True)
    deadline = time.monotonic() + 20
    while not redis_up():
        if time.monotonic() > deadline:
            raise RuntimeError("Redis did not come back at 127.0.0.1:6379")
        time.sleep(0.1)


@contextmanager
def redis_stopped():
    """Redis really stopped (other users of this Redis see it too: keep the block short); it is
    started again whatever happens in the block."""
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
        capture_output=True,
    )
    try:
        wait_for(lambda: not redis_up(), 10, "Redis stopping")
        yield
    finally:
        redis_start()


def redis_queue_lengths() -> tuple[int, int]:
    """Messages waiting in the default queue, and messages delivered but not acknowledged."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    return client.llen("celery"), client.hlen("unacked")


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# ----------------------------------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------------------------------
def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def admin_connection(*, autocommit: bool = True):
    """A connection of the test's own to the test database, beside Django's."""
    import psycopg
    from django.db import connection

    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
        password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=autocommit,
    )  # fmt: skip


def require_services() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("The fault runs need PostgreSQL: set DATABASE_URL=postgres://...")
    if not redis_up():
        pytest.fail("The fault runs need Redis at 127.0.0.1:6379")


# ----------------------------------------------------------------------------------------------
# A mail sink: counts what it accepts, and can hold a client mid-conversation
# ----------------------------------------------------------------------------------------------
class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        sink: SmtpSink = self.server.sink  # type: ignore[attr-defined]
        self.wfile.write(b"220 fault-sink ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 fault-sink\r\n")
            elif verb == b"MAIL":
                if not sink.open.is_set():  # a mail server that stopped answering
                    sink.held.set()
                    sink.open.wait()
                self.wfile.write(b"250 OK\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                sink.accept(b"".join(body))
                self.wfile.write(b"250 accepted\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # RCPT, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client killed mid-conversation is what the fault runs do


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.open = threading.Event()
        self.open.set()
        self.held = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _SmtpHandler)
        self._server.sink = self  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def accept(self, body: bytes) -> None:
        with self._lock:
            self.messages.append(body)

    def hold(self) -> None:
        self.held.clear()
        self.open.clear()

    def release(self) -> None:
        self.open.set()

    def count(self, text: str = "") -> int:
        with self._lock:
            return sum(text.encode() in m for m in self.messages)

    def close(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()


# ----------------------------------------------------------------------------------------------
# Celery processes on the test database
# ----------------------------------------------------------------------------------------------
def celery_env(sink: SmtpSink, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "LOG_LEVEL": "INFO",
    }
    env.update(extra)
    return env


class CeleryProcess:
    """`celery worker` or `celery beat` in a session of its own (so that killing it kills its
    pool too, as when a container dies); output kept in a file for the assertions."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._out = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tracker", *args],
            cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        """The pool's processes (children of the worker), read from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.pid:
                found.append(int(stat.parent.name))
        return found

    def kill_all(self) -> None:
        """SIGKILL to the worker and its pool at once, as when its container is killed."""
        with suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.proc.wait(timeout=20)
            except ProcessLookupError:
                pass
        self._out.close()


def start_worker(name: str, env: dict[str, str], tmp: Path, *, concurrency: int = 1):
    worker = CeleryProcess(
        ["worker", "--pool=prefork", f"--concurrency={concurrency}", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h"],
        env, tmp / f"{name}.log",
    )  # fmt: skip
    wait_for(lambda: "ready." in worker.output() or worker.proc.poll() is not None, 90,
             f"worker {name} starting")  # fmt: skip
    if worker.proc.poll() is not None:
        pytest.fail(f"worker {name} exited:\n{worker.output()[-3000:]}")
    return worker


def start_beat(env: dict[str, str], tmp: Path) -> CeleryProcess:
    return CeleryProcess(
        ["beat", "--loglevel=INFO", "--schedule", str(tmp / "celerybeat-schedule")],
        env, tmp / "beat.log",
    )  # fmt: skip


@contextmanager
def publishing_to_redis():
    """This process's Celery app publishes to the fault runs' Redis database, not eagerly."""
    from tests.broker import reset_publisher_pools
    from tracker.celery import app

    conf = app.conf
    keys = ("task_always_eager", "broker_url", "result_backend")
    saved = {key: conf.get(key) for key in keys}
    saved_env = os.environ.pop("CELERY_BROKER_URL", None)  # Celery prefers it to the settings
    conf.update(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    reset_publisher_pools(app)
    try:
        yield app
    finally:
        if saved_env is not None:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.update(saved)
        reset_publisher_pools(app)
