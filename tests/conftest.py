"""Shared fixtures: the personas of the tracker and the demo dataset."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partners.models import Partner, UserProfile
from tracker import roles

from .snapshot import DEMO, remember_migrated_state


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _make_user(username: str, group: str, member_state: Partner | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", **extra
    )
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.create(user=user, member_state=member_state)
    return user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated; its row counts are what snapshots are copied over."""
    with django_db_blocker.unblock():
        remember_migrated_state()


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
    return _make_user("admin1", roles.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def officer(db):
    return _make_user("officer1", roles.OFFICER)


@pytest.fixture
def focal_my(malaysia):
    return _make_user("focal_my", roles.FOCAL_POINT, malaysia)


@pytest.fixture
def focal_sg(singapore):
    return _make_user("focal_sg", roles.FOCAL_POINT, singapore)
