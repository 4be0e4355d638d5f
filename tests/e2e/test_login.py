"""The first journey: an officer logs in, sees the home page and logs out."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_an_officer_logs_in_sees_meetings_and_logs_out(
    live_server, page, login, screenshot, demo, officer
):
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login")

    login(page, "officer1")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_role("link", name="3rd ADGMIN").first.is_visible()
    screenshot(page, "home-officer")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
