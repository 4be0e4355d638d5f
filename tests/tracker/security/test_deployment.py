"""Deployment: no start on a weak key, no usernames for anonymous readers, one owner rule."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives import services
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative
from tests import ROOT
from tracker.checks import weak_secret_key_reason

STRONG_KEY = "kq3-Vx9_P2mZr8TnW4yLc7HbF1sJd6GeA0uQoN5iRtY-XwKpE8vBjMz2DhU"


def start_web_process(key: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=key,
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_TESTING="",
    )
    return subprocess.run(
        [sys.executable, "-c", "import tracker.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestSecretKey:
    def test_the_placeholder_of_env_example_stops_the_web_process(self):
        placeholder = next(
            line.split("=", 1)[1].strip()
            for line in (ROOT / ".env.example").read_text().splitlines()
            if line.startswith("DJANGO_SECRET_KEY=")
        )
        result = start_web_process(placeholder)
        assert result.returncode != 0
        assert "placeholder" in result.stderr

    def test_a_strong_key_starts(self):
        result = start_web_process(STRONG_KEY)
        assert result.returncode == 0, result.stderr

    @pytest.mark.parametrize(
        "key",
        ["short-key", "a" * 60, "django-insecure-" + "x1y2z3w4v5" * 5],
    )
    def test_keys_that_check_deploy_would_flag_are_weak(self, key):
        assert weak_secret_key_reason(key)

    def test_a_long_random_key_is_not_weak(self):
        assert weak_secret_key_reason(STRONG_KEY) == ""


@override_settings(PUBLIC_READ_ONLY=True)
def test_anonymous_readers_see_roles_not_usernames(client, officer, focal_my):
    officer.first_name, officer.last_name = "Maria", "Santos"
    officer.save()
    initiative = services.initiative_create(
        user=officer, name="ASEAN Data Framework", owner=officer
    )
    services.progress_update_create(
        initiative=initiative, user=officer, date=date(2025, 5, 1), summary="Drafting."
    )
    services.progress_update_create(
        initiative=initiative,
        user=focal_my,
        date=date(2025, 5, 2),
        summary="Malaysia has adopted it.",
        member_state=focal_my.profile.member_state,
    )
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "Secretariat officer" in html
    for private in ("Maria", "Santos", officer.username, focal_my.username):
        assert private not in html, private
    client.force_login(focal_my)
    assert "Maria Santos" in client.get(initiative.get_absolute_url()).content.decode()


class TestOwnerRule:
    def test_the_api_refuses_a_focal_point_as_owner_as_the_form_does(self, officer, focal_my):
        initiative = services.initiative_create(user=officer, name="ASEAN Data Framework")
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
        response = api.patch(
            f"/api/initiatives/{initiative.slug}/", {"owner": focal_my.username}, format="json"
        )
        assert response.status_code == 400 and "owner" in response.json()
        form = InitiativeForm(instance=initiative)
        assert focal_my not in form.fields["owner"].queryset

    def test_the_api_accepts_an_officer_as_owner(self, officer):
        initiative = services.initiative_create(user=officer, name="ASEAN Data Framework")
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
        response = api.patch(
            f"/api/initiatives/{initiative.slug}/", {"owner": officer.username}, format="json"
        )
        assert response.status_code == 200 and response.json()["owner"] == officer.username

    def test_the_api_refuses_a_focal_point_as_owner_of_a_new_initiative(self, officer, focal_my):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
        response = api.post(
            "/api/initiatives/",
            {"name": "ASEAN Data Framework", "owner": focal_my.username},
            format="json",
        )
        assert response.status_code == 400 and "owner" in response.json()
        assert not Initiative.objects.filter(name="ASEAN Data Framework").exists()

    def test_the_admin_offers_the_same_owners(self, rf, admin_user, officer, focal_my):
        from django.contrib import admin

        request = rf.get("/admin/initiatives/initiative/add/")
        request.user = admin_user
        form = admin.site._registry[Initiative].get_form(request)()
        owners = form.fields["owner"].queryset
        assert officer in owners and focal_my not in owners
