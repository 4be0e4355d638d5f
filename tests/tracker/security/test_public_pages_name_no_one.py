"""With PUBLIC_READ_ONLY on, no public page names a person to an anonymous visitor.

Every page in tracker.permissions.PUBLIC_READ_VIEWS is opened as the permission matrix opens it,
on records written by named people (an owner, an official update, a country note, an imported
statement, an edited initiative), in full and as the htmx partial the live filters fetch.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from initiatives import services
from tests.tracker.test_permission_matrix import OFFICER, PAGES, ROUTES, build_world, concrete_path
from tracker.permissions import PUBLIC_READ_VIEWS

PUBLIC_ROUTES = [route for route in ROUTES if route.name in PUBLIC_READ_VIEWS]


@pytest.fixture
def named_world(db):
    world = build_world()
    for n, user in enumerate(get_user_model().objects.all()):
        user.first_name, user.last_name = f"Firstname{n}x", f"Lastname{n}x"
        user.save()
    officer = world.users[OFFICER]
    world.statement.imported_by = officer
    world.statement.save()
    # Edits through the services, so that the history knows who made them.
    initiative = services.initiative_update(
        initiative=world.initiative,
        user=officer,
        expected_version=world.initiative.version,
        seen_history_id=None,
        description="Edited by an officer.",
    )
    services.progress_update_create(
        initiative=initiative, user=officer, date=date(2025, 3, 1), summary="Signed."
    )
    return world


def private_words() -> list[str]:
    words = []
    for user in get_user_model().objects.all():
        words += [user.username, user.first_name, user.last_name]
    return [word for word in words if word]


@override_settings(PUBLIC_READ_ONLY=True)
@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda route: route.name)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_no_public_page_names_a_person(client, named_world, route, htmx):
    assert PUBLIC_ROUTES, "no public pages found"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for case in PAGES[route.name]:
        path = concrete_path(route, case.kwargs(named_world))
        response = client.get(path, **headers)
        assert response.status_code == 200, path
        html = response.content.decode()
        leaked = [word for word in private_words() if word in html]
        assert not leaked, f"{path} shows {leaked} to an anonymous visitor"
