"""Member-state implementation in the browser: a focal point updates their record and sees it
unverified, an officer verifies it, and the grid and scorecard show both, on a desktop and on a
phone. axe-core checks the grid and the scorecard. Screenshots: implementation-*.png."""

from datetime import date

import pytest

from implementation.models import ImplementationRecord, NationalScope
from initiatives.models import Initiative, Meeting
from partners.models import Partner


@pytest.fixture
def tracked(db, malaysia, singapore):
    Partner.objects.create(
        name="Timor-Leste", slug="timor-leste", kind="member_state", member_since=date(2025, 10, 26)
    )
    Meeting.objects.create(series="ADGMIN", number=6, slug="adgmin-6", start_date=date(2026, 1, 15))
    mccs = Initiative.objects.create(
        name="ASEAN Model Contractual Clauses for Cross Border Data Flows",
        slug="mccs",
        acronym="MCCs",
        kind="model",
        status="adopted",
    )
    guide = Initiative.objects.create(
        name="ASEAN Guide on AI Governance and Ethics", slug="ai-guide", kind="guide"
    )
    for initiative in (mccs, guide):
        NationalScope.objects.create(initiative=initiative)
    ImplementationRecord.objects.create(
        initiative=guide,
        member_state=singapore,
        stage="in_progress",
        as_of=date(2025, 8, 1),
        verification="queried",
        query_reason="Which agency leads?",
    )
    return mccs


def _no_sideways_scroll(page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"


def _axe_serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_a_focal_point_reports_an_officer_verifies_and_the_grid_shows_it(
    live_server, any_page, login, screenshot, tracked, officer, focal_my
):
    page, size = any_page, any_page.viewport_name
    base = live_server.url

    login(page, "focal_my")
    block = page.get_by_role("heading", name="Malaysia: your implementation records")
    assert block.is_visible()
    screenshot(page, f"implementation-focal-dashboard-{size}")

    page.goto(f"{base}/implementation/mccs/malaysia/")
    page.locator("#id_stage").select_option("implemented")
    page.locator("#id_as_of").fill("2026-03-02")
    page.locator("#id_note").fill("Adopted by the national data protection authority.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/implementation/mccs/malaysia/")
    assert page.get_by_text("It now waits for the secretariat's verification.").is_visible()
    assert page.locator(".ver-unverified").first.is_visible()
    screenshot(page, f"implementation-focal-record-{size}")

    page.goto(f"{base}/implementation/")
    cell = page.locator("td.impl-implemented.ver-unverified")
    assert cell.count() == 1 and "Done" in cell.inner_text()
    _no_sideways_scroll(page, "grid")
    screenshot(page, f"implementation-focal-grid-{size}")

    # The officer verifies it.
    page.context.clear_cookies()
    login(page, "officer1")
    page.goto(f"{base}/implementation/mccs/malaysia/")
    page.get_by_role("button", name="Verify this record").click()
    page.wait_for_url(f"{base}/implementation/mccs/malaysia/")
    assert page.locator("dd .ver-verified").is_visible()
    record = ImplementationRecord.objects.get(member_state__slug="malaysia")
    assert (record.verification, record.verified_by_id) == ("verified", officer.pk)

    page.goto(f"{base}/implementation/?ordering=-implemented")
    assert page.locator("td.impl-implemented.ver-verified").count() == 1
    header = page.locator("table.impl-grid tbody th").first
    if size == "phone":
        # The table scrolls inside its region and the initiative column stays in view.
        region = page.locator(".impl-scroll")
        assert region.evaluate("el => el.scrollLeft") == 0  # it opens on the first states
        before = header.bounding_box()["x"]
        region.evaluate("el => el.scrollLeft = 400")
        assert region.evaluate("el => el.scrollLeft") > 0
        assert abs(header.bounding_box()["x"] - before) < 2
        region.evaluate("el => el.scrollLeft = 0")
    _no_sideways_scroll(page, "grid")
    assert _axe_serious(page) == []
    screenshot(page, f"implementation-officer-grid-{size}")

    page.goto(f"{base}/partners/malaysia/implementation/")
    assert page.locator(".big-figure").inner_text() == "100%"
    assert page.locator("svg.impl-svg").is_visible()
    _no_sideways_scroll(page, "scorecard")
    assert _axe_serious(page) == []
    screenshot(page, f"implementation-officer-scorecard-{size}")

    page.goto(f"{base}/partners/timor-leste/implementation/")
    assert page.get_by_text("it counts from that date").is_visible()
    screenshot(page, f"implementation-officer-scorecard-timor-{size}")
