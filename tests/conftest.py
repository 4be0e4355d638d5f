"""Shared fixtures: the personas of the tracker and the demo dataset."""

import pytest
from pytest_django.plugin import blocking_manager_key

from partners.models import Partner
from tracker import roles

from .factories import make_user
from .snapshot import DEMO, remember_migrated_state, restore_migrated_state


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that emptied the database, put back the rows the migrations wrote.

    pytest-django runs such tests last in one process; with a process per core (pytest-xdist)
    a worker may run ordinary tests after one, and they expect the role groups and rules. This
    runs once the test's fixtures, the flush among them, are torn down.
    """
    result = yield
    marker = item.get_closest_marker("django_db")
    flushed = "transactional_db" in getattr(item, "fixturenames", ()) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if flushed and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            restore_migrated_state()
    return result


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated; its row counts are what snapshots are copied over."""
    with django_db_blocker.unblock():
        remember_migrated_state()


@pytest.fixture
def worker(transactional_db):
    """A real `celery worker` process on the test database (see tests/broker.py)."""
    from tests.broker import celery_worker

    with celery_worker() as process:
        yield process


@pytest.fixture
def world(db, malaysia, singapore):
    """A small tracked world for the screens: see tests/factories.py."""
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def demo(db):
    """The full demo dataset, as `make run` loads it (copied after the first load: snapshot.py)."""
    DEMO.load()


@pytest.fixture
def malaysia(db):
    return Partner.objects.get_or_create(
        name="Malaysia", defaults={"slug": "malaysia", "kind": "member_state", "country_code": "MY"}
    )[0]


@pytest.fixture
def singapore(db):
    return Partner.objects.get_or_create(
        name="Singapore",
        defaults={"slug": "singapore", "kind": "member_state", "country_code": "SG"},
    )[0]


@pytest.fixture
def admin_user(db):
    return make_user("admin1", roles.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def officer(db):
    return make_user("officer1", roles.OFFICER)


@pytest.fixture
def focal_my(malaysia):
    return make_user("focal_my", roles.FOCAL_POINT, malaysia)


@pytest.fixture
def focal_sg(singapore):
    return make_user("focal_sg", roles.FOCAL_POINT, singapore)
