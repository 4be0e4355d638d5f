"""Five tasks a newcomer does without training (issue 17), through the interface only, on a
phone (390 px) and a desktop (1366 px), each with the number of clicks it takes asserted.

After logging in, no address is typed: every step is a click, a pick from a list or typing in a
field. Screenshots: artifacts/screenshots/task-<task>-<phone|desktop>.png. axe-core checks each
page the tasks end on.
"""

import csv
import io
import re

import pytest
from django.db.models import Q
from django.utils import timezone

from implementation.models import ImplementationRecord, NationalScope
from initiatives import selectors
from initiatives.models import Initiative, ProgressUpdate
from partners.models import Partner

from .newcomer import COUNT_CLICKS, SIZES, Task, axe_serious, sideways_overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newcomer(browser, live_server, screenshot):
    """newcomer(size, username) -> a Task logged in on the dashboard, counting from zero."""
    contexts = []

    def start(size: str, username: str) -> Task:
        context = browser.new_context(**SIZES[size], accept_downloads=True)
        contexts.append(context)
        context.add_init_script(COUNT_CLICKS)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("pw")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        task = Task(page, size)
        task.start_counting()
        return task

    def shot(task: Task, name: str) -> None:
        assert sideways_overflow(task.page) <= 1, f"{name} scrolls sideways on {task.size}"
        screenshot(task.page, f"task-{name}-{task.size}")

    start.shot = shot
    yield start
    for context in contexts:
        context.close()


def listed_names(page) -> list[str]:
    return page.locator("table.initiatives tbody tr td:first-child a").all_inner_texts()


def test_officer_finds_what_the_ministers_decided_about_ai_at_the_last_meeting(
    demo, officer, newcomer
):
    latest = selectors.meetings_at_a_glance().latest_held
    # What a person would call "about AI": the topic, or AI (the word) or artificial
    # intelligence in its name or description.
    words = r"(^|\W)(AI|[Aa]rtificial [Ii]ntelligence)(\W|$)"
    expected = set(
        Initiative.objects.filter(mentions__meeting=latest)
        .filter(Q(topics__slug="ai") | Q(name__regex=words) | Q(description__regex=words))
        .values_list("name", flat=True)
    )
    assert expected, "the loaded record has an AI initiative at its latest meeting"
    for size, bound in (("phone", 5), ("desktop", 4)):
        task = newcomer(size, "officer1")
        page = task.page
        site_search = page.get_by_role("search", name="Site")
        site_search.get_by_role("searchbox").fill("AI")
        task.click(site_search.get_by_role("button", name="Search"), "Search")
        page.wait_for_url("**/search/?q=AI")
        assert axe_serious(page) == []
        newcomer.shot(task, "ai-search")

        task.click(
            page.get_by_role("link", name=re.compile(r"initiative list|in the list")),
            "Show these in the initiative list",
        )
        page.wait_for_url("**/initiatives/?q=AI")
        task.open_filters()
        filters = page.get_by_role("search", name="Filter initiatives")
        task.pick(filters.get_by_label("Mentioned at"), str(latest))
        # The list follows the pick by itself, and the address with it.
        page.wait_for_url(f"**/initiatives/?*meeting={latest.slug}*")
        page.locator(".chip", has_text=str(latest)).wait_for()
        names = listed_names(page)
        assert {n.split(" (")[0] for n in names} == expected
        newcomer.shot(task, "ai-list")

        task.click(page.locator("table.initiatives tbody a").first, "the initiative")
        entry = page.locator(".timeline-entry", has_text=latest.short_name).first
        assert entry.is_visible()
        assert axe_serious(page) == []
        newcomer.shot(task, "ai-answer")
        task.done("ai-at-the-last-meeting", bound)


def test_officer_sees_what_is_overdue(demo, officer, newcomer):
    today = timezone.localdate()
    expected = sorted(
        Initiative.objects.filter(expected_by__lt=today, expected_met=False).values_list(
            "name", flat=True
        )
    )
    assert expected
    for size in ("phone", "desktop"):
        task = newcomer(size, "officer1")
        page = task.page
        # The dashboard answers it: no click needed.
        card = page.locator("section", has=page.get_by_role("heading", name="Expected dates"))
        overdue = card.locator("h3:has-text('Overdue') + ul li")
        shown = sorted(a.split(" (")[0] for a in overdue.locator("a").all_inner_texts())
        assert shown == expected
        assert all("was due by" in text for text in overdue.all_inner_texts())
        card.scroll_into_view_if_needed()
        newcomer.shot(task, "overdue-dashboard")
        # One click to the first overdue initiative, which says what was expected and when.
        task.click(overdue.locator("a").first, "first overdue")
        due = page.locator("dt", has_text="Next step due")
        assert due.is_visible() and "overdue" in due.locator("+ dd").inner_text()
        assert axe_serious(page) == []
        newcomer.shot(task, "overdue-initiative")
        task.done("overdue", 1)


def test_officer_exports_japans_initiatives(demo, officer, newcomer):
    japan = Partner.objects.get(name="Japan")
    expected = sorted(
        Initiative.objects.filter(partners=japan).distinct().values_list("name", flat=True)
    )
    assert expected
    for size, bound in (("phone", 4), ("desktop", 3)):
        task = newcomer(size, "officer1")
        page = task.page
        nav = page.get_by_role("navigation", name="Main")
        task.click(nav.get_by_role("link", name="Initiatives"), "Initiatives")
        # Pick only once the list has loaded: a change before its script runs filters nothing.
        page.wait_for_url("**/initiatives/")
        task.open_filters()
        filters = page.get_by_role("search", name="Filter initiatives")
        task.pick(filters.get_by_label("Partner", exact=True), "Japan")
        page.wait_for_url("**/initiatives/?partner=japan")
        export = page.get_by_role("link", name="Export CSV")
        assert "partner=japan" in export.get_attribute("href")
        newcomer.shot(task, "japan-list")
        with page.expect_download() as download:
            task.click(export, "Export CSV")
        name = download.value.suggested_filename
        assert re.fullmatch(r"initiatives-partner-japan-\d{4}-\d\d-\d\d\.csv", name), name
        rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
        assert sorted(r["Name"] for r in rows) == expected
        task.done("export-japan", bound)


def test_focal_point_sees_what_malaysia_must_report_before_the_next_meeting(
    demo, focal_my, newcomer
):
    glance = selectors.meetings_at_a_glance()
    since = glance.latest_held.start_date
    malaysia = Partner.objects.get(name="Malaysia")
    reported = set(
        ImplementationRecord.objects.filter(member_state=malaysia, as_of__gte=since).values_list(
            "initiative_id", flat=True
        )
    )
    expected = sorted(
        scope.initiative.label
        for scope in NationalScope.objects.select_related("initiative")
        if scope.initiative_id not in reported
    )
    for size in ("phone", "desktop"):
        task = newcomer(size, "focal_my")
        page = task.page
        # The dashboard answers it first thing: no click needed.
        heading = page.get_by_role(
            "heading", name=re.compile(rf"To update before the {glance.next_planned.short_name}")
        )
        assert heading.is_visible()
        items = page.locator("h3", has_text="To update before").locator("+ ul li a")
        assert sorted(items.all_inner_texts()) == expected
        newcomer.shot(task, "malaysia-report-dashboard")
        if expected:
            # One click opens the first record to report.
            task.click(items.first, "first record to update")
            assert page.get_by_role("button", name="Save").is_visible()
            assert axe_serious(page) == []
            newcomer.shot(task, "malaysia-report-record")
        task.done("malaysia-report", 1)


def test_focal_point_adds_a_note(demo, focal_my, newcomer):
    malaysia = Partner.objects.get(name="Malaysia")
    for size in ("phone", "desktop"):
        task = newcomer(size, "focal_my")
        page = task.page
        words = f"Malaysia's ministry briefed the committee ({size})."
        panel = page.locator(
            ".state-panel", has=page.get_by_role("heading", name=re.compile("your member state"))
        )
        task.click(panel.locator("ul.plain-list a").first, "an initiative naming Malaysia")
        task.click(page.get_by_role("link", name="Add country note"), "Add country note")
        assert axe_serious(page) == []
        newcomer.shot(task, "note-form")
        page.get_by_role("textbox", name=re.compile(r"^Note")).fill(words)
        task.click(page.get_by_role("button", name="Add note"), "Add note")
        page.get_by_text(words).first.wait_for()
        note = ProgressUpdate.objects.get(summary=words)
        assert note.member_state == malaysia and note.date == timezone.localdate()
        newcomer.shot(task, "note-saved")
        task.done("add-a-note", 3)
