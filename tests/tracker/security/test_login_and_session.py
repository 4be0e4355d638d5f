"""Login throttling (django-axes), session expiry, CSRF and security headers."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse

from initiatives.models import Initiative


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


class TestLoginThrottling:
    def test_it_locks_a_username_out_after_repeated_wrong_passwords(self, client, officer):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert attempt(client, "officer1", "wrong").status_code == 200
        locked = attempt(client, "officer1", "wrong")
        assert locked.status_code == 429
        assert b"Too many failed logins" in locked.content
        # Even the right password is refused while the lockout lasts.
        assert attempt(client, "officer1", "pw").status_code == 429
        assert "_auth_user_id" not in client.session

    def test_other_users_can_still_log_in(self, client, officer, focal_my):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "officer1", "wrong")
        assert attempt(client, "focal_my", "pw").status_code == 302

    def test_a_successful_login_resets_the_count(self, client, officer):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "officer1", "wrong")
        assert attempt(client, "officer1", "pw").status_code == 302
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert attempt(client, "officer1", "wrong").status_code == 200
        assert attempt(client, "officer1", "pw").status_code == 302

    def test_a_forged_forwarded_address_does_not_reset_the_lockout(self, client, officer):
        for n in range(settings.AXES_FAILURE_LIMIT + 1):
            response = client.post(
                reverse("login"),
                {"username": "officer1", "password": "wrong"},
                HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
            )
        assert response.status_code == 429

    def test_the_admin_login_is_throttled_too(self, client, admin_user):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("admin:login"), {"username": "admin1", "password": "wrong"})
        response = client.post(reverse("admin:login"), {"username": "admin1", "password": "pw"})
        assert response.status_code == 429


class TestSessions:
    def test_a_session_ends_with_the_browser_and_lasts_a_working_day_at_most(self, client, officer):
        response = attempt(client, "officer1", "pw")
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
        assert cookie["httponly"]
        assert client.session.get_expiry_age() <= 8 * 60 * 60
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    def test_an_expired_session_sends_the_user_to_login(self, client, officer):
        attempt(client, "officer1", "pw")
        session = client.session
        session.set_expiry(-1)
        session.save()
        response = client.get(reverse("initiatives:list"))
        assert response.status_code == 302 and "/accounts/login/" in response.url


class TestCsrf:
    def test_a_form_post_without_the_token_is_refused(self, officer, db):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        response = client.post(reverse("initiatives:create"), {"name": "Sneaky", "kind": "other"})
        assert response.status_code == 403
        assert not Initiative.objects.filter(name="Sneaky").exists()

    def test_the_same_post_with_the_token_from_the_form_goes_through(self, officer, db):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        page = BeautifulSoup(client.get(reverse("initiatives:create")).content, "html.parser")
        token = page.select_one("input[name=csrfmiddlewaretoken]")["value"]
        response = client.post(
            reverse("initiatives:create"),
            {"name": "Proper", "kind": "other", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
        assert Initiative.objects.filter(name="Proper").exists()

    @pytest.mark.parametrize(
        "name", ["initiatives:create", "initiatives:bulk_status", "accounts:create", "preferences"]
    )
    def test_every_form_carries_a_token(self, admin_user, name):
        client = Client()
        client.force_login(admin_user)
        page = BeautifulSoup(client.get(reverse(name)).content, "html.parser")
        forms = page.select("form[method=post]")
        assert forms and all(f.select_one("input[name=csrfmiddlewaretoken]") for f in forms)


class TestHeaders:
    def test_pages_carry_a_content_security_policy_of_self_only(self, client, officer):
        client.force_login(officer)
        response = client.get(reverse("initiatives:list"))
        policy = dict(
            part.strip().split(" ", 1)
            for part in response["Content-Security-Policy"].split(";")
            if part.strip()
        )
        for directive in ("default-src", "script-src", "style-src", "img-src", "form-action"):
            assert policy[directive] == "'self'", directive
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]

    def test_pages_carry_the_other_security_headers(self, client, officer):
        client.force_login(officer)
        response = client.get(reverse("initiatives:list"))
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"

    def test_the_login_page_has_the_policy_too(self, client, db):
        response = client.get(reverse("login"))
        assert "default-src 'self'" in response["Content-Security-Policy"]

    def test_no_page_of_ours_uses_inline_script_or_style(self, client, admin_user, db):
        """The policy forbids them, so they would silently not run in a browser."""
        client.force_login(admin_user)
        for name in (
            "initiatives:create",
            "initiatives:bulk_status",
            "initiatives:as_of",
            "accounts:list",
            "accounts:create",
            "preferences",
        ):
            page = BeautifulSoup(client.get(reverse(name)).content, "html.parser")
            assert not [s for s in page.select("script") if not s.get("src")], name
            assert not page.select("style") and not page.select("[style]"), name
            assert not page.select("[onclick], [onload], [onsubmit], [onchange]"), name
