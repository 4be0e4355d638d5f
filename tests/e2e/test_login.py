"""The first journey: an officer logs in, sees the home page and logs out."""

import pytest

from initiatives import selectors


@pytest.mark.django_db(transaction=True)
def test_an_officer_logs_in_sees_meetings_and_logs_out(
    live_server, page, login, screenshot, demo, officer
):
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login")

    login(page, "officer1")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    # The dashboard names the latest held meeting of the loaded record.
    latest = selectors.meetings_at_a_glance().latest_held
    assert page.get_by_role("link", name=latest.short_name, exact=True).first.is_visible()
    screenshot(page, "home-officer")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
