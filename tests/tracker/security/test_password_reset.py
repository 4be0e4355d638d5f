"""Password reset: throttled, in the tracker's pages; a new password ends the API/feed token."""

import pytest
from django.core import mail
from django.core.cache import cache
from rest_framework.authtoken.models import Token

RESET = "/accounts/password_reset/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_three_requests_for_one_address_send_one_email(client, officer):
    for _ in range(3):
        response = client.post(RESET, {"email": officer.email})
        assert response.status_code == 302 and response.url.endswith("/password_reset/done/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "ADGMIN Tracker: reset your password"
    assert "/accounts/reset/" in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post(RESET, {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url.endswith("/password_reset/done/")
    assert mail.outbox == []


def test_one_client_asking_again_and_again_is_told_to_wait(client, db):
    answers = [
        client.post(RESET, {"email": f"person{i}@example.org"}).status_code for i in range(7)
    ]
    assert answers[:5] == [302] * 5 and answers[5:] == [429, 429]


@pytest.mark.parametrize("url", [RESET, "/accounts/password_reset/done/", "/accounts/reset/done/"])
def test_the_reset_pages_are_the_trackers_own(client, db, url):
    html = client.get(url).content.decode()
    assert "ADGMIN Tracker" in html and "Django administration" not in html


def test_the_reset_email_link_leads_to_the_trackers_page(client, officer):
    client.post(RESET, {"email": officer.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    page = client.get(link.split("testserver", 1)[1], follow=True).content.decode()
    assert "Choose a new password" in page and "Django administration" not in page


def test_changing_ones_password_revokes_the_token(client, officer):
    Token.objects.create(user=officer)
    client.force_login(officer)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "pw",
            "new_password1": "a-long-new-passphrase-7",
            "new_password2": "a-long-new-passphrase-7",
        },
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=officer).exists()


def test_an_admin_setting_a_password_revokes_the_users_token(client, admin_user, officer):
    Token.objects.create(user=officer)
    client.force_login(admin_user)
    response = client.post(
        f"/users/{officer.pk}/password/",
        {"password1": "a-long-new-passphrase-7", "password2": "a-long-new-passphrase-7"},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=officer).exists()


def test_other_edits_of_a_user_keep_the_token(officer):
    Token.objects.create(user=officer)
    officer.first_name = "Siti"
    officer.save()
    assert Token.objects.filter(user=officer).exists()
