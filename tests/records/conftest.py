"""Records the workflow tests start from: one meeting, one initiative owned by the officer."""

import os
from contextlib import contextmanager
from datetime import date

import pytest

from initiatives.models import Initiative, Meeting, Mention, ProgressUpdate
from tracker.history import latest_history_id


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(
        series="ADGMIN", number=3, slug="adgmin-3", start_date=date(2023, 2, 9)
    )


@pytest.fixture
def initiative(meeting, officer):
    initiative = Initiative.objects.create(
        name="Digital Economy Framework Agreement", slug="defa", acronym="DEFA", owner=officer
    )
    Mention.objects.create(meeting=meeting, initiative=initiative, status="preparing")
    from initiatives.services import initiative_refresh_status

    return initiative_refresh_status(initiative=initiative)


@pytest.fixture
def note_my(initiative, focal_my, malaysia):
    return ProgressUpdate.objects.create(
        initiative=initiative,
        author=focal_my,
        date=date(2024, 3, 1),
        summary="Malaysia held national consultations.",
        member_state=malaysia,
    )


@pytest.fixture
def official_update(initiative, officer):
    return ProgressUpdate.objects.create(
        initiative=initiative,
        author=officer,
        date=date(2024, 1, 10),
        summary="Round 3 of negotiations.",
        status="preparing",
    )


def edit_form_data(record, **values) -> dict:
    """What the edit form posts: the hidden markers of the state it was opened at, plus values."""
    data = {"seen_history": latest_history_id(record) or ""}
    if hasattr(record, "version"):
        data["version"] = record.version
    data.update({k: "" if v is None else v for k, v in values.items()})
    return data


def _reset_publisher_pools(app) -> None:
    """Forget every open broker connection, so the next publish connects to conf.broker_url."""
    from kombu import pools

    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@contextmanager
def broker_unreachable(*, eager: bool = False):
    """Celery publishing to a port where nothing listens: connections are refused."""
    from tracker.celery import app

    conf = app.conf
    keys = ("task_always_eager", "broker_url", "broker_connection_timeout")
    saved = {key: conf.get(key) for key in keys}
    # Celery prefers the CELERY_BROKER_URL environment variable (set in CI) to its settings.
    saved_env = os.environ.pop("CELERY_BROKER_URL", None)
    conf.update(
        task_always_eager=eager, broker_url="redis://127.0.0.1:1/0", broker_connection_timeout=1
    )
    _reset_publisher_pools(app)
    try:
        yield
    finally:
        if saved_env is not None:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.update(saved)
        _reset_publisher_pools(app)
