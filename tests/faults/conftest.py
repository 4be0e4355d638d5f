"""Fixtures of the fault runs: the services checked, a mail sink, Redis left running."""

import pytest

from . import kit


@pytest.fixture(autouse=True)
def real_services(request):
    if kit.REQUESTED:
        kit.require_services()
        kit.redis_flush()
    yield
    # Whatever a test did, Redis is running when it ends.
    if kit.REQUESTED:
        kit.redis_start()


@pytest.fixture
def sink():
    sink = kit.SmtpSink()
    yield sink
    sink.close()


@pytest.fixture
def celery_processes(tmp_path):
    """Start workers and beat through this; all of them are stopped after the test."""
    started: list[kit.CeleryProcess] = []

    class Starter:
        def worker(self, name, env, **kwargs):
            started.append(kit.start_worker(name, env, tmp_path, **kwargs))
            return started[-1]

        def beat(self, env):
            started.append(kit.start_beat(env, tmp_path))
            return started[-1]

    yield Starter()
    for process in started:
        process.stop()
