"""The main journey of each role through the tracking screens, on a desktop and on a phone.

Each journey saves a screenshot of every page it opens to artifacts/screenshots/, named
<role>-<page>-<desktop|phone>.png, so the pages can be looked at after a run.
"""

import csv
import io
from datetime import date

import pytest

from initiatives import selectors
from initiatives.models import Initiative, ProgressUpdate
from tests.e2e.conftest import SCREENSHOTS


@pytest.fixture
def tracked(demo):
    """The demo record as `make run` serves it, with a progress update and a country note."""
    from partners.models import Partner

    defa = Initiative.objects.get(acronym="DEFA")
    ProgressUpdate.objects.create(
        initiative=defa,
        date=date(2023, 9, 3),
        summary="Negotiations launched after the study was completed.",
        status="preparing",
        percent_complete=20,
    )
    ProgressUpdate.objects.create(
        initiative=defa,
        date=date(2024, 2, 1),
        summary="Malaysia's inter-agency committee reviewed the draft chapters.",
        member_state=Partner.objects.get(name="Malaysia"),
    )
    return defa


def _shot(screenshot, page, role: str, name: str, viewport: str) -> None:
    # Every page must be usable without a sideways scroll of the whole document.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px on {viewport}"
    screenshot(page, f"{role}-{name}-{viewport}")


@pytest.mark.django_db(transaction=True)
def test_an_officer_finds_adopted_japan_initiatives_and_exports_them(
    live_server, any_page, login, screenshot, tracked, officer
):
    page, viewport = any_page, any_page.viewport_name
    login(page, "officer1")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.locator("svg.status-chart text", has_text="Adopted").count() == 1
    # The changes shown are those of the latest held meeting of the loaded record.
    latest = selectors.meetings_at_a_glance().latest_held
    changed = page.get_by_role("heading", name=f"What the {latest.short_name} changed", exact=True)
    assert changed.is_visible()
    _shot(screenshot, page, "officer", "dashboard", viewport)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Initiatives").click()
    # Read the panel once the page has loaded: on a phone its script folds the panel at load.
    page.wait_for_url("**/initiatives/")
    panel = page.locator("details.filter-panel")
    if panel.get_attribute("open") is None:  # folded on a phone
        panel.locator("summary").click()
    # The list's own filter form, not the site search in the header.
    filters = page.get_by_role("search", name="Filter initiatives")
    filters.get_by_label("Adopted", exact=True).check()
    filters.get_by_label("Partner", exact=True).select_option(label="Japan")
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/initiatives/?*partner=japan*")
    listed = page.locator("table.initiatives tbody tr td:first-child a").all_inner_texts()
    assert listed and all("Japan" in name for name in listed)
    _shot(screenshot, page, "officer", "initiatives-filtered", viewport)

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    assert sorted(r["Name"] for r in rows) == sorted(n.split(" (")[0] for n in listed)
    assert {r["Status"] for r in rows} == {"Adopted"}

    page.goto(f"{live_server.url}/initiatives/defa/")
    entry = page.locator(".timeline-entry", has_text="3rd ADGMIN")
    assert "looked forward to the completion of study" in entry.locator("mark").inner_text()
    assert entry.locator(".entry-status").inner_text().strip().startswith("Preparing")
    _shot(screenshot, page, "officer", "initiative-defa", viewport)

    entry.get_by_role("link", name="Paragraph 9 of the joint media statement").click()
    page.wait_for_url("**/meetings/adgmin-3/#p9")
    assert page.locator("#p9").is_visible()
    assert page.get_by_role("heading", name="What changed at this meeting").is_visible()
    _shot(screenshot, page, "officer", "meeting-adgmin-3", viewport)

    page.goto(f"{live_server.url}/meetings/")
    # The planned meeting is listed, marked as planned, as is the latest held one.
    glance = selectors.meetings_at_a_glance()
    planned = page.locator("tr", has=page.get_by_role("link", name=str(glance.next_planned)))
    assert planned.is_visible() and planned.locator(".tag", has_text="planned").is_visible()
    assert page.get_by_role("link", name=str(glance.latest_held), exact=True).is_visible()
    _shot(screenshot, page, "officer", "meetings", viewport)


@pytest.mark.django_db(transaction=True)
def test_an_admin_reads_the_matrix_by_keyboard_and_walks_partners(
    live_server, any_page, login, screenshot, tracked, admin_user
):
    page, viewport = any_page, any_page.viewport_name
    login(page, "admin1")
    _shot(screenshot, page, "admin", "dashboard", viewport)

    page.goto(f"{live_server.url}/initiatives/matrix/")
    headers = page.locator("table.matrix thead th").all_inner_texts()
    # A column per meeting with a mention, in date order, between the names and the silences.
    columns = [m.short_name for m in selectors.matrix_meetings()]
    assert columns[:3] == ["1st ADGMIN", "1st ADGMIN+Japan", "2nd ADGMIN"]
    assert [h.split("\n")[0] for h in headers[1:-1]] == columns
    assert (headers[0], headers[-1]) == ("Initiative", "Silent since")
    row = page.locator("table.matrix tbody tr", has_text="ASEAN Comprehensive Recovery Framework")
    row.locator("th a").focus()
    page.keyboard.press("Tab")  # onto the first cell of the row
    summary = row.locator("td.cell summary").first
    assert summary.evaluate("el => el === document.activeElement")
    tip = row.locator(".tip").first
    assert tip.is_visible() and tip.inner_text() == summary.get_attribute("title")
    page.keyboard.press("Enter")
    assert row.locator(".cell-body").first.is_visible()
    _shot(screenshot, page, "admin", "matrix", viewport)

    page.goto(f"{live_server.url}/partners/?kind=dialogue_partner")
    assert page.get_by_role("link", name="Japan", exact=True).is_visible()
    _shot(screenshot, page, "admin", "partners-dialogue", viewport)
    page.get_by_role("link", name="Japan", exact=True).click()
    assert page.get_by_role("heading", name="Work plans by year").is_visible()
    assert page.get_by_role("heading", name="Mentions over time").is_visible()
    _shot(screenshot, page, "admin", "partner-japan", viewport)


@pytest.mark.django_db(transaction=True)
def test_a_focal_point_follows_their_state_and_prints_the_matrix(
    live_server, any_page, login, screenshot, tracked, focal_my
):
    page, viewport = any_page, any_page.viewport_name
    login(page, "focal_my")
    # The dashboard has two panels of the state (its implementation, then its member state).
    panel = page.locator(
        ".state-panel", has=page.get_by_role("heading", name="Malaysia: your member state")
    )
    assert page.locator(".state-panel").count() == 2
    assert panel.get_by_role("heading", name="Malaysia: your member state").is_visible()
    assert "inter-agency committee" in panel.inner_text()
    # The state's panel comes before everything else on the dashboard.
    first_card = page.locator("main section.card").first
    assert "state-panel" in first_card.get_attribute("class")
    _shot(screenshot, page, "focal", "dashboard", viewport)

    panel.get_by_role("link", name="Everything about Malaysia").click()
    assert page.get_by_role("heading", name="Country notes").is_visible()
    assert "founding or early member" in page.locator("main").inner_text()
    _shot(screenshot, page, "focal", "partner-malaysia", viewport)

    page.goto(f"{live_server.url}/initiatives/defa/")
    notes = page.locator("section", has=page.get_by_role("heading", name="Country notes"))
    assert "inter-agency committee" in notes.inner_text()
    assert page.get_by_role("link", name="Add country note").is_visible()
    assert page.get_by_role("link", name="Edit", exact=True).count() == 1  # their own note only
    _shot(screenshot, page, "focal", "initiative-defa", viewport)

    page.goto(f"{live_server.url}/initiatives/matrix/?meeting=adgmin-3")
    page.emulate_media(media="print")
    assert not page.locator("nav[aria-label=Main]").is_visible()
    assert not page.locator("details.filter-panel").is_visible()
    assert page.locator("table.matrix").is_visible()
    _shot(screenshot, page, "focal", "matrix-print", viewport)
    if viewport == "desktop":  # what the focal point's printer gets, for a look after the run
        page.pdf(path=str(SCREENSHOTS / "focal-matrix-print.pdf"), landscape=True)
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/partners/")
    assert page.get_by_label("Kind").is_visible()
    _shot(screenshot, page, "focal", "partners", viewport)


@pytest.mark.django_db(transaction=True)
def test_the_pages_work_without_javascript(live_server, browser, screenshot, tracked, officer):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer1")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/initiatives/")
    # The list's own search field, not the site search in the header.
    filters = page.get_by_role("search", name="Filter initiatives")
    filters.get_by_role("searchbox", name="Search", exact=True).fill("DEFA")
    filters.get_by_role("button", name="Apply filters").click()
    assert page.locator("table.initiatives tbody tr").count() == 1
    page.goto(f"{live_server.url}/initiatives/matrix/?q=DEFA")
    page.locator("td.cell summary").first.click()  # <details> opens without any script
    assert page.locator(".cell-body").first.is_visible()
    screenshot(page, "officer-matrix-nojs-desktop")
    context.close()
