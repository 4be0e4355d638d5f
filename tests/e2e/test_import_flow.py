"""An officer imports a statement in the browser: upload, review, correct, confirm."""

import re

import pytest

from initiatives.models import Initiative, Meeting, Mention
from tests import ROOT

STATEMENT = ROOT / "tests" / "initiatives" / "importer" / "statements" / "fourth-plain-wrapped.txt"


@pytest.mark.django_db(transaction=True)
def test_an_officer_uploads_reviews_and_confirms_a_statement(
    live_server, page, login, screenshot, demo, officer
):
    login(page, "officer1")
    page.get_by_role("link", name="Import").click()
    page.get_by_role("heading", name="Import a statement").wait_for()
    screenshot(page, "import-start")

    page.get_by_label("File").set_input_files(str(STATEMENT))
    page.get_by_role("button", name="Read the statement").click()
    page.get_by_role(
        "heading", name="Review: statement of the 4th ASEAN Digital Ministers' Meeting"
    ).wait_for()
    assert page.get_by_label("Venue").input_value() == "Singapore"
    assert page.locator(
        "mark.mention-new", has_text="ASEAN Quantum Readiness Framework"
    ).is_visible()
    screenshot(page, "import-review")

    # The officer rejects one proposed name and corrects one status.
    page.get_by_role("group", name="Decision for ASEAN Quantum Readiness Framework").get_by_label(
        "Reject"
    ).check()
    page.get_by_label("Status of Digital Economy Framework Agreement in ¶4").select_option(
        "implementing"
    )
    page.get_by_role("button", name="Confirm and save to the tracker").click()
    page.get_by_role("heading", name="4th ASEAN Digital Ministers' Meeting").wait_for()
    assert page.get_by_text("Imported the statement of the 4th ADGMIN").is_visible()
    screenshot(page, "import-confirmed")

    meeting = Meeting.objects.get(series="ADGMIN", number=4)
    assert not meeting.is_planned and meeting.statements.count() == 1
    assert not Initiative.objects.filter(name="ASEAN Quantum Readiness Framework").exists()
    defa = Mention.objects.get(meeting=meeting, initiative__acronym="DEFA")
    assert defa.status == "implementing" and defa.is_confirmed


@pytest.mark.django_db(transaction=True)
def test_the_review_page_reads_on_a_phone(
    live_server, phone_page, login, screenshot, demo, officer
):
    login(phone_page, "officer1")
    phone_page.goto(f"{live_server.url}/imports/")
    phone_page.get_by_label("Or paste the statement's text").fill(
        STATEMENT.read_text(encoding="utf-8")
    )
    phone_page.get_by_role("button", name="Read the statement").click()
    # How many are new depends on the record loaded; the heading always says how many.
    phone_page.get_by_role(
        "heading", name=re.compile(r"^Proposed new initiatives \(\d+\)$")
    ).wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 420  # no sideways scrolling of the page itself
    screenshot(phone_page, "import-review-phone")
