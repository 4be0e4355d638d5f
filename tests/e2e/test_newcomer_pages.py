"""Pages a newcomer meets (issue 17) in the browser: live filters, the matrix on a phone and a
desktop, and axe-core on the help page, the matrix, search results and every form's error state.

Screenshots: artifacts/screenshots/newcomer-*.png.
"""

import re
from datetime import date

import pytest

from implementation.models import NationalScope
from initiatives import selectors
from initiatives.models import Initiative, Meeting, Mention
from partners.models import Partner

from .newcomer import SIZES, axe_serious, sideways_overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_as(browser, live_server):
    """open_as(size, username or None) -> a logged-in page (a fresh one per call)."""
    contexts = []

    def start(size: str, username: str | None, width: int | None = None):
        options = dict(SIZES[size])
        if width:
            options["viewport"] = {**options["viewport"], "width": width}
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        if username:
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill("pw")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{live_server.url}/")
        return page

    yield start
    for context in contexts:
        context.close()


# ---------------------------------------------------------------------------------------------
# Live filters
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def small_record(db):
    meeting = Meeting.objects.create(
        series="ADGMIN", number=6, slug="adgmin-6", start_date=date(2026, 1, 15)
    )
    made = []
    for n, (name, acronym, status) in enumerate(
        [
            ("Digital Economy Framework Agreement", "DEFA", "preparing"),
            ("ASEAN Guide on AI Governance and Ethics", "", "adopted"),
            ("ASEAN Data Management Framework", "DMF", "adopted"),
            (
                "ASEAN Regional Computer Emergency Response Team",
                "ASEAN Regional CERT",
                "implementing",
            ),
        ],
        start=1,
    ):
        initiative = Initiative.objects.create(
            name=name, acronym=acronym, slug=f"i{n}", kind="framework", status=status
        )
        Mention.objects.create(initiative=initiative, meeting=meeting, status=status)
        made.append(initiative)
    return made


def test_the_list_follows_the_filters_live_and_the_address_with_it(
    live_server, open_as, screenshot, small_record, officer
):
    page = open_as("desktop", "officer1")
    page.goto(f"{live_server.url}/initiatives/")
    assert page.locator("table.initiatives tbody tr").count() == 4
    page.evaluate("window.stillTheSamePage = true")
    filters = page.get_by_role("search", name="Filter initiatives")

    filters.get_by_label("Adopted", exact=True).check()
    page.wait_for_url("**/initiatives/?status=adopted")
    page.locator(".chip", has_text="Adopted").wait_for()
    assert page.locator("table.initiatives tbody tr").count() == 2
    # No page load: the list was swapped in place, the export and the count followed.
    assert page.evaluate("window.stillTheSamePage") is True
    assert "status=adopted" in page.get_by_role("link", name="Export CSV").get_attribute("href")
    assert page.locator("#filter-count").inner_text().strip() == "1 active"
    assert page.locator("#filter-announce").inner_text() == "2 initiatives"
    screenshot(page, "newcomer-live-filter-desktop")

    # Typing narrows as it goes; an empty result offers a way out.
    filters.get_by_role("searchbox", name="Search", exact=True).fill("nothing like this")
    page.wait_for_url(
        re.compile(r"/initiatives/\?q=nothing(\+|%20)like(\+|%20)this&status=adopted$")
    )
    assert page.get_by_role("link", name="clear all filters", exact=True).is_visible()
    assert page.evaluate("window.stillTheSamePage") is True

    # Back returns to the previous list.
    page.go_back()
    page.wait_for_url("**/initiatives/?status=adopted")
    page.locator("table.initiatives tbody tr").nth(1).wait_for()
    assert page.locator("table.initiatives tbody tr").count() == 2

    # A chip removes its own filter.
    page.goto(f"{live_server.url}/initiatives/?status=adopted&status=preparing")
    page.get_by_role("link", name="Remove filter Status: Preparing").click()
    page.wait_for_url("**/initiatives/?status=adopted")
    assert page.locator("table.initiatives tbody tr").count() == 2

    # The matrix follows too, and still opens on its newest meeting.
    page.goto(f"{live_server.url}/initiatives/matrix/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("search", name="Filter initiatives").get_by_label(
        "Preparing", exact=True
    ).check()
    page.wait_for_url("**/initiatives/matrix/?status=preparing")
    page.locator(".chip", has_text="Preparing").wait_for()
    assert page.locator("table.matrix tbody tr").count() == 1
    assert page.evaluate("window.stillTheSamePage") is True

    # The implementation grid too; its empty result offers a way out.
    for initiative in small_record[:2]:
        NationalScope.objects.create(initiative=initiative)
    page.goto(f"{live_server.url}/implementation/")
    assert page.locator("table.impl-grid tbody tr").count() == 2
    page.evaluate("window.stillTheSamePage = true")
    page.locator("details.filter-panel summary").click()
    grid_filters = page.get_by_role("search", name="Filter the implementation grid")
    grid_filters.get_by_label("Preparing", exact=True).check()
    page.wait_for_url("**/implementation/?status=preparing")
    page.locator(".chip", has_text="Preparing").wait_for()
    assert page.locator("table.impl-grid tbody tr").count() == 1
    assert "status=preparing" in page.get_by_role("link", name="Export CSV").get_attribute("href")
    grid_filters.get_by_label("Preparing", exact=True).uncheck()
    grid_filters.get_by_label("Stalled", exact=True).check()
    page.wait_for_url("**/implementation/?status=stalled")
    assert page.get_by_role("link", name="clear all filters", exact=True).is_visible()
    assert page.evaluate("window.stillTheSamePage") is True

    # And the partners.
    Partner.objects.create(name="Japan", slug="japan", kind="dialogue_partner")
    Partner.objects.create(name="Malaysia", slug="malaysia", kind="member_state")
    page.goto(f"{live_server.url}/partners/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("search", name="Filter partners").get_by_label("Kind").select_option(
        "dialogue_partner"
    )
    page.wait_for_url("**/partners/?kind=dialogue_partner")
    page.locator(".chip", has_text="Dialogue partner").wait_for()
    assert page.locator("table tbody tr").all_inner_texts()[0].startswith("Japan")
    assert page.locator("table tbody tr").count() == 1
    assert page.evaluate("window.stillTheSamePage") is True


def test_without_javascript_the_filters_submit_as_a_form(
    live_server, browser, small_record, officer
):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer1")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/initiatives/")
    filters = page.get_by_role("search", name="Filter initiatives")
    filters.get_by_label("Adopted", exact=True).check()
    assert page.locator("table.initiatives tbody tr").count() == 4  # nothing happens by itself
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/initiatives/?*status=adopted*")
    assert page.locator("table.initiatives tbody tr").count() == 2
    context.close()


# ---------------------------------------------------------------------------------------------
# The matrix on any screen
# ---------------------------------------------------------------------------------------------
def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box, f"{locator} has no box"
    return {**box, "right": box["x"] + box["width"], "bottom": box["y"] + box["height"]}


@pytest.mark.parametrize("size,width", [("phone", 390), ("desktop", 1280), ("desktop", 1366)])
def test_the_matrix_opens_on_the_newest_meeting_with_nothing_cut_off(
    live_server, open_as, screenshot, demo, officer, size, width
):
    page = open_as(size, "officer1", width)
    page.goto(f"{live_server.url}/initiatives/matrix/")
    scroller = page.locator(".matrix-scroll")
    area = _box(scroller)
    assert area["right"] <= width + 1
    names = _box(page.locator("table.matrix thead th.corner"))
    newest = selectors.matrix_meetings()[-1]
    newest_head = page.locator("table.matrix thead th", has_text=newest.short_name).last
    head = _box(newest_head)
    # The newest meeting's column is whole and in view first, beside the name column.
    assert head["x"] >= names["right"] - 1, (head, names)
    assert head["right"] <= area["right"] + 1, (head, area)
    assert sideways_overflow(page) <= 1
    screenshot(page, f"newcomer-matrix-{size}-{width}")

    if size == "phone":
        # Compact names: an acronym stands for its initiative, the column stays narrow.
        defa = page.locator(
            "table.matrix tbody th a", has=page.locator(".name-short", has_text="DEFA")
        )
        assert defa.locator(".name-short").is_visible()
        assert _box(defa.locator(".name-full"))["width"] <= 1
        assert "Digital Economy Framework Agreement" in defa.get_attribute("title")
        assert names["width"] <= width * 0.35

    # The header stays while the rows scroll.
    scroller.evaluate("el => el.scrollTop = 600")
    assert abs(_box(newest_head)["y"] - area["y"]) <= 2

    # A cell of the newest meeting opens whole, beside the names and inside the screen.
    column = page.locator("table.matrix thead th").all_inner_texts().index(newest_head.inner_text())
    cell = page.locator(f"table.matrix tbody tr td:nth-child({column + 1}) details").first
    cell.locator("summary").click()
    body = _box(cell.locator(".cell-body"))
    area = _box(scroller)
    names = _box(page.locator("table.matrix tbody th").first)
    assert body["x"] >= names["right"] - 1 and body["right"] <= area["right"] + 1, (body, area)
    assert axe_serious(page) == []
    screenshot(page, f"newcomer-matrix-{size}-{width}-cell-open")


# ---------------------------------------------------------------------------------------------
# axe-core: help, search results, and each form submitted empty
# ---------------------------------------------------------------------------------------------
FORMS = [
    ("initiative", "/initiatives/new/"),
    ("meeting", "/meetings/new/"),
    ("progress-update", "/initiatives/i1/progress/new/"),
    ("note", "/initiatives/i1/notes/new/"),
    ("partner", "/partners/new/"),
    ("password-change", "/accounts/password_change/"),
]


def _submit_empty(page) -> None:
    """Submit the page's main form as it opens, past the browser's own checks, so that the
    server's error state is what is shown."""
    form = page.locator("main form[method=post]").last
    form.evaluate("form => { form.noValidate = true }")
    form.locator("button[type=submit]").last.click()
    page.locator("[data-error-summary]").wait_for()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_nothing_serious_on_error_states_help_and_search(
    live_server, open_as, screenshot, small_record, officer, size
):
    problems = {}
    page = open_as(size, None)
    page.goto(f"{live_server.url}/accounts/login/")
    _submit_empty(page)
    problems["login"] = axe_serious(page)
    screenshot(page, f"newcomer-error-login-{size}")

    page = open_as(size, "officer1")
    for name, url in FORMS:
        page.goto(live_server.url + url)
        _submit_empty(page)
        summary = page.locator("[data-error-summary]")
        assert summary.evaluate("el => el === document.activeElement"), name
        problems[name] = axe_serious(page)
        screenshot(page, f"newcomer-error-{name}-{size}")

    for name, url in [
        ("help", "/help/"),
        ("search", "/search/?q=AI"),
        ("matrix", "/initiatives/matrix/"),
    ]:
        page.goto(live_server.url + url)
        problems[name] = axe_serious(page)
        screenshot(page, f"newcomer-{name}-{size}")
    assert {name: found for name, found in problems.items() if found} == {}
