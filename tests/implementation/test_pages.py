"""The grid, its export, a record page, the scorecard and the dashboard block."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from implementation import services
from implementation.models import ImplementationRecord

from .conftest import make_tracked, record

pytestmark = pytest.mark.django_db

GRID = reverse("implementation:grid")


def rows_of(response) -> list[str]:
    return [row.initiative.slug for row in response.context["grid"].rows]


def test_the_grid_is_a_table_of_initiatives_by_member_states(
    client, officer, malaysia, singapore, mccs, ai_guide, regional_only
):
    record(
        mccs,
        malaysia,
        stage="implemented",
        verification="verified",
        verified_at="2026-01-02T00:00Z",
    )
    record(mccs, singapore, stage="planning")
    client.force_login(officer)
    response = client.get(GRID)
    assert response.status_code == 200
    assert rows_of(response) == ["ai-guide", "mccs"]  # the regional-only initiative is not there
    html = response.content.decode()
    assert '<th scope="col" class="corner">Initiative</th>' in html
    assert 'scope="row"' in html
    # Stage in words, and the verification in words for screen readers (not colour alone).
    assert "Done" in html and ", verified by the secretariat" in html
    assert "Planning" in html and ", unverified" in html


def test_it_sorts_by_how_many_states_implemented(
    client, officer, malaysia, singapore, mccs, ai_guide
):
    record(ai_guide, malaysia, stage="implemented")
    record(ai_guide, singapore, stage="implemented")
    record(mccs, malaysia, stage="implemented")
    client.force_login(officer)
    assert rows_of(client.get(GRID, {"ordering": "-implemented"})) == ["ai-guide", "mccs"]
    assert rows_of(client.get(GRID, {"ordering": "implemented"})) == ["mccs", "ai-guide"]


def test_it_filters_like_the_initiative_list(client, officer, mccs, ai_guide, adm):
    client.force_login(officer)
    assert rows_of(client.get(GRID, {"kind": "guide"})) == ["ai-guide"]
    assert rows_of(client.get(GRID, {"outcome": "DO6"})) == ["mccs"]
    assert rows_of(client.get(GRID, {"status": "adopted"})) == ["mccs"]
    assert rows_of(client.get(GRID, {"masterplan": "adm-2025"})) == ["ai-guide", "mccs"]
    assert rows_of(client.get(GRID, {"q": "contractual"})) == ["mccs"]


def test_timor_leste_shows_not_yet_a_member_before_its_admission(client, officer, timor, mccs):
    client.force_login(officer)
    before = client.get(GRID, {"on": "2025-06-01"})
    cell = before.context["grid"].rows[0].cells[0]
    assert cell.state == timor and not cell.is_member
    assert "Not yet a member" in before.content.decode()
    after = client.get(GRID)
    assert after.context["grid"].rows[0].cells[0].is_member


def test_the_grid_as_it_stood_on_a_date_reads_the_history(client, officer, malaysia, mccs):
    saved = services.implementation_record_save(
        initiative=mccs,
        member_state=malaysia,
        user=officer,
        stage="planning",
        as_of=date(2026, 1, 1),
    )
    ImplementationRecord.history.filter(id=saved.pk).update(history_date="2026-01-02T10:00Z")
    services.implementation_record_save(
        initiative=mccs,
        member_state=malaysia,
        user=officer,
        stage="implemented",
        as_of=date(2026, 6, 1),
    )
    client.force_login(officer)
    then = client.get(GRID, {"on": "2026-02-01"}).context["grid"].rows[0].cells
    now = client.get(GRID).context["grid"].rows[0].cells
    assert [c.stage for c in then if c.state == malaysia] == ["planning"]
    assert [c.stage for c in now if c.state == malaysia] == ["implemented"]


def test_the_csv_export_is_exactly_the_filtered_grid_and_formula_safe(
    client, officer, malaysia, singapore, mccs, ai_guide
):
    mccs.name = '=HYPERLINK("http://x")'
    mccs.save()
    record(mccs, malaysia, stage="implemented")
    client.force_login(officer)
    response = client.get(reverse("implementation:export", args=["csv"]), {"kind": "model"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Initiative",
        "Acronym",
        "Status",
        "States implemented",
        "Malaysia",
        "Singapore",
    ]
    assert rows[1:] == [
        [
            '\'=HYPERLINK("http://x")',
            "MCCs",
            "Adopted",
            "1",
            "Implemented (unverified)",
            "No report",
        ]
    ]


def test_the_xlsx_export_holds_the_same_rows(client, officer, malaysia, mccs, ai_guide):
    record(ai_guide, malaysia, stage="planning")
    client.force_login(officer)
    response = client.get(reverse("implementation:export", args=["xlsx"]), {"ordering": "name"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][-1] == "Malaysia"
    assert [v[0] for v in values[1:]] == [ai_guide.name, mccs.name]
    assert values[1][-1] == "Planning (unverified)"


def test_an_unknown_export_format_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("implementation:export", args=["pdf"])).status_code == 404


def test_a_focal_point_updates_their_record_and_it_waits_for_verification(
    client, officer, focal_my, malaysia, mccs
):
    existing = services.implementation_record_verify(record=record(mccs, malaysia), user=officer)
    client.force_login(focal_my)
    url = reverse("implementation:record", args=["mccs", "malaysia"])
    response = client.post(
        url,
        {
            "stage": "implemented",
            "as_of": "2026-05-01",
            "evidence_url": "",
            "note": "Law passed.",
            "version": existing.version,
            "seen_history": "",
        },
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.stage, existing.verification) == ("implemented", "unverified")


def test_a_focal_point_posting_another_states_record_is_refused_and_nothing_changes(
    client, focal_sg, malaysia, mccs
):
    existing = record(mccs, malaysia, stage="planning")
    client.force_login(focal_sg)
    response = client.post(
        reverse("implementation:record", args=["mccs", "malaysia"]),
        {"stage": "implemented", "as_of": "2026-05-01", "version": existing.version},
    )
    assert response.status_code == 403
    existing.refresh_from_db()
    assert existing.stage == "planning"


def test_the_later_of_two_page_saves_is_refused_with_what_changed(
    client, officer, focal_my, malaysia, mccs
):
    existing = record(mccs, malaysia, stage="planning")
    seen = existing.history.latest("history_id").history_id
    services.implementation_record_save(
        initiative=mccs,
        member_state=malaysia,
        user=officer,
        stage="not_started",
        expected_version=existing.version,
    )
    client.force_login(focal_my)
    response = client.post(
        reverse("implementation:record", args=["mccs", "malaysia"]),
        {
            "stage": "implemented",
            "as_of": "2026-05-01",
            "version": existing.version,
            "seen_history": seen,
        },
    )
    assert response.status_code == 409
    assert "Not saved" in response.content.decode()
    existing.refresh_from_db()
    assert existing.stage == "not_started"


def test_officers_verify_and_query_from_the_record_page(client, officer, malaysia, mccs):
    existing = record(mccs, malaysia)
    client.force_login(officer)
    base = ["mccs", "malaysia"]
    assert client.get(reverse("implementation:verify", args=base)).status_code == 405
    client.post(reverse("implementation:verify", args=base), {"version": existing.version})
    existing.refresh_from_db()
    assert existing.verification == "verified"
    client.post(reverse("implementation:query", args=base), {"reason": "Source?"})
    existing.refresh_from_db()
    assert (existing.verification, existing.query_reason) == ("queried", "Source?")


def test_a_record_of_a_regional_only_initiative_or_a_non_member_is_a_404(
    client, officer, malaysia, regional_only, mccs
):
    client.force_login(officer)
    assert (
        client.get(reverse("implementation:record", args=["adix", "malaysia"])).status_code == 404
    )
    assert client.get(reverse("implementation:record", args=["mccs", "nowhere"])).status_code == 404


def test_the_scorecard_gives_shares_changes_and_open_questions(
    client, officer, focal_my, malaysia, singapore, mccs, ai_guide, meetings
):
    done = record(mccs, malaysia, stage="implemented", as_of=date(2026, 2, 1))
    record(ai_guide, malaysia, stage="planning", as_of=date(2025, 11, 1))
    services.implementation_record_query(record=done, user=officer, reason="Which act?")
    record(mccs, singapore, stage="implemented")
    record(ai_guide, singapore, stage="implemented")
    client.force_login(focal_my)
    response = client.get(reverse("implementation:scorecard", args=["malaysia"]))
    assert response.status_code == 200
    card = response.context["card"]
    assert (card.overall.implemented, card.overall.applicable, card.overall.percent) == (1, 2, 50)
    assert card.region_percent == 75
    assert {s.code: s.percent for s in card.by_outcome} == {"DO3": 0, "DO6": 100}
    assert [r.initiative.slug for r in card.queried] == ["mccs"]
    assert [r.initiative.slug for r in card.unverified] == ["ai-guide"]
    # Both records were created after the 6th ADGMIN (15 January 2026): both are changes.
    assert {c.record.initiative.slug for c in card.changes} == {"mccs", "ai-guide"}
    html = response.content.decode()
    assert "<svg" in html and "Which act?" in html


def test_the_scorecard_chart_says_not_a_member_before_admission(client, officer, timor, mccs):
    from initiatives.models import Meeting

    Meeting.objects.create(series="ADGMIN", number=5, slug="adgmin-5", start_date=date(2025, 1, 16))
    client.force_login(officer)
    card = client.get(reverse("implementation:scorecard", args=["timor-leste"])).context["card"]
    assert [(p.label, p.percent) for p in card.chart] == [("ADGMIN 5", None), ("Today", 0)]


def test_the_scorecard_of_a_dialogue_partner_is_a_404(client, officer):
    from partners.models import Partner

    Partner.objects.create(name="Japan", slug="japan", kind="dialogue_partner")
    client.force_login(officer)
    assert client.get(reverse("implementation:scorecard", args=["japan"])).status_code == 404


def test_the_focal_points_dashboard_shows_their_country_first(
    client, officer, focal_my, malaysia, mccs, ai_guide, meetings
):
    queried = record(mccs, malaysia, as_of=date(2025, 12, 1))
    services.implementation_record_query(record=queried, user=officer, reason="Link broken")
    client.force_login(focal_my)
    html = client.get(reverse("initiatives:home")).content.decode()
    block = html.index("Malaysia: your implementation records")
    assert block < html.index("Initiatives by status")
    assert "Link broken" in html
    assert "no report yet" in html  # the AI guide has no record


def test_the_officers_dashboard_has_no_country_block(client, officer, mccs):
    client.force_login(officer)
    html = client.get(reverse("initiatives:home")).content.decode()
    assert "your implementation records" not in html


def test_query_counts_of_grid_and_scorecard_do_not_grow_with_initiatives(
    client, officer, malaysia, singapore, mccs, meetings, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    pages = [GRID, reverse("implementation:scorecard", args=["malaysia"])]

    def counts():
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    record(mccs, malaysia)
    small = counts()
    for n in range(12):
        initiative = make_tracked(f"Initiative {n}", f"initiative-{n}")
        record(initiative, malaysia, stage="implemented")
        record(initiative, singapore, stage="planning")
    assert counts() == small
    assert max(small) <= 20


def test_a_focal_points_own_state_comes_first_in_the_grid_and_its_export(
    client, focal_sg, malaysia, singapore, mccs
):
    client.force_login(focal_sg)
    states = [s.slug for s in client.get(GRID).context["grid"].states]
    assert states == ["singapore", "malaysia"]
    exported = client.get(reverse("implementation:export", args=["csv"])).content.decode(
        "utf-8-sig"
    )
    assert exported.splitlines()[0].endswith("Singapore,Malaysia")


def test_a_member_states_page_links_to_its_scorecard(client, officer, malaysia):
    client.force_login(officer)
    html = client.get(reverse("partners:detail", args=["malaysia"])).content.decode()
    assert reverse("implementation:scorecard", args=["malaysia"]) in html


def test_the_dashboard_block_costs_three_queries_whatever_the_records(
    client, officer, focal_my, malaysia, singapore, meetings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def block_queries() -> int:
        client.force_login(focal_my)
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/").content.decode()
        assert "your implementation records" in html
        return sum("implementation_" in q["sql"] for q in ctx.captured_queries)

    make_tracked("First", "first")
    assert block_queries() == 3
    for n in range(15):
        initiative = make_tracked(f"Initiative {n}", f"initiative-{n}")
        record(
            initiative, malaysia, as_of=date(2025, 1, 1), verification="queried", query_reason="?"
        )
        record(initiative, singapore, stage="implemented")
    assert block_queries() <= 4  # a count of the unreported when more than ten


def test_the_scorecard_counts_only_tracked_initiatives_records(
    client, officer, malaysia, singapore, mccs, ai_guide
):
    """The counts take the records of untracked initiatives away: one marked off, and one never
    marked (a record left from before its scope row)."""
    from implementation.models import NationalScope
    from initiatives.models import Initiative

    record(mccs, malaysia, stage="implemented")
    record(ai_guide, malaysia, stage="planning")
    record(ai_guide, singapore, stage="implemented")
    never = Initiative.objects.create(name="Never tracked", slug="never", kind="guide")
    record(never, malaysia, stage="implemented")
    record(never, singapore, stage="implemented")
    client.force_login(officer)
    url = reverse("implementation:scorecard", args=["malaysia"])
    card = client.get(url).context["card"]
    assert (card.overall.implemented, card.overall.applicable) == (1, 2)
    assert card.region_percent == 67  # 2 of 3 tracked records
    assert {s.code: (s.implemented, s.applicable) for s in card.by_outcome} == {
        "DO3": (0, 1),
        "DO6": (1, 1),
    }
    NationalScope.objects.filter(initiative=mccs).update(implemented_nationally=False)
    card = client.get(url).context["card"]
    assert (card.overall.implemented, card.overall.applicable) == (0, 1)
    assert card.region_percent == 50
    assert [r.initiative.slug for r in card.records] == ["ai-guide"]


def test_the_masterplan_filter_offers_masterplans_with_something_under_them(
    client, officer, adm, mccs
):
    from initiatives.models import Initiative

    for n in range(30):
        Initiative.objects.create(name=f"Plan {n}", slug=f"plan-{n}", kind="masterplan")
    parent = Initiative.objects.create(name="Umbrella plan", slug="umbrella", kind="masterplan")
    make_tracked("Child", "child", parent=parent)
    client.force_login(officer)
    field = client.get(GRID).context["filter"].form.fields["masterplan"]
    assert [p.slug for p in field.queryset] == ["adm-2025", "umbrella"]
    assert rows_of(client.get(GRID, {"masterplan": "umbrella"})) == ["child"]


def test_the_dashboard_block_counts_only_tracked_records(
    officer, malaysia, singapore, mccs, ai_guide, meetings
):
    from implementation import selectors
    from initiatives.models import Initiative

    record(
        mccs, malaysia, stage="implemented", as_of=date(2025, 1, 1),
        verification="queried", query_reason="Which act?",
    )  # fmt: skip
    record(ai_guide, singapore, stage="planning")
    never = Initiative.objects.create(name="Never tracked", slug="never", kind="guide")
    record(
        never, malaysia, stage="planning", as_of=date(2024, 1, 1),
        verification="queried", query_reason="?",
    )  # fmt: skip
    block = selectors.country_block(malaysia, today=date(2026, 6, 1))
    assert (block.queried.total, block.stale.total) == (1, 1)  # stale: over 365 days old
    # The AI guide has no report from Malaysia, and the MCCs' is older than the 6th ADGMIN.
    assert block.to_update.total == 2
    assert (block.state_percent, block.region_percent) == (100, 50)
    assert [r.initiative.slug for r in block.queried] == ["mccs"]
