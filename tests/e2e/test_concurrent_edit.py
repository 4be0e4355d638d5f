"""Two people edit one initiative in two browsers: the second save is refused and says why."""

import pytest

from initiatives.models import Initiative


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_concurrent_edits_is_refused_with_an_explanation(
    live_server, browser, page, login, screenshot, officer, admin_user
):
    initiative = Initiative.objects.create(
        name="Digital Economy Framework Agreement", slug="defa", acronym="DEFA", kind="agreement"
    )
    edit_url = f"{live_server.url}/initiatives/defa/edit/"

    other_context = browser.new_context(viewport={"width": 1366, "height": 768})
    other = other_context.new_page()
    other.set_default_timeout(15000)
    try:
        login(page, "officer1")
        login(other, "admin1")
        # Both open the form before either saves.
        page.goto(edit_url)
        other.goto(edit_url)

        page.get_by_label("Description").fill("Negotiations launched in September 2023.")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"{live_server.url}/initiatives/defa/")
        assert page.get_by_text("saved").first.is_visible()

        other.get_by_label("Expected text").fill("2025")
        other.get_by_role("button", name="Save").click()
        alert = other.get_by_role("alert").filter(has_text="Not saved")
        alert.wait_for()
        assert "officer1 changed this" in alert.inner_text()
        diff = other.locator("table.diff")
        assert "Description" in diff.inner_text()
        assert "Negotiations launched in September 2023." in diff.inner_text()
        # The admin's own value is still in the form, nothing was overwritten.
        assert other.get_by_label("Expected text").input_value() == "2025"
        screenshot(other, "concurrent-edit-refused")

        initiative.refresh_from_db()
        assert initiative.description == "Negotiations launched in September 2023."
        assert initiative.expected_text == ""

        # Having seen the other change, saving again is deliberate and goes through.
        other.get_by_role("button", name="Save").click()
        other.wait_for_url(f"{live_server.url}/initiatives/defa/")
        initiative.refresh_from_db()
        assert initiative.expected_text == "2025"
        assert initiative.description == "Negotiations launched in September 2023."
    finally:
        other_context.close()
