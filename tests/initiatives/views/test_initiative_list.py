"""The initiative list: every filter, sorting, pagination and the CSV/XLSX exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from initiatives.filtersets import InitiativeFilterSet
from initiatives.models import Initiative, InitiativePartner
from tests.factories import make_initiative, make_meeting, make_partner, mention, progress


def names_on_page(response) -> set[str]:
    return {i.name for i in response.context["initiatives"]}


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def japan_mix(world):
    """Initiatives with and without Japan as partner, in and out of the adopted status."""
    japan = world.japan
    made = {}
    for name, status, with_japan in [
        ("ASEAN-Japan ICT Work Plan 2021", "adopted", True),
        ("ASEAN-Japan Cybersecurity Programme", "adopted", True),
        ("ASEAN-Japan AI Study", "implementing", True),
        ("ASEAN Guide on AI Governance", "adopted", False),
    ]:
        initiative = make_initiative(name, kind="work_plan")
        mention(world.meetings[0], initiative, phrase="approved", status=status)
        if with_japan:
            InitiativePartner.objects.create(initiative=initiative, partner=japan, role="funder")
        made[name] = initiative
    # Japan as lead body only is not Japan as a partner.
    led = make_initiative("Japan-led Framework", lead_body=japan)
    mention(world.meetings[0], led, phrase="adopted", status="adopted")
    made["led"] = led
    return made


def test_it_lists_only_adopted_initiatives_with_japan_as_partner(client, officer, japan_mix):
    client.force_login(officer)
    response = client.get("/initiatives/", {"status": "adopted", "partner": "japan"})
    assert response.status_code == 200
    assert names_on_page(response) == {
        "ASEAN-Japan ICT Work Plan 2021",
        "ASEAN-Japan Cybersecurity Programme",
    }


def test_it_exports_exactly_the_filtered_rows_as_csv(client, officer, japan_mix):
    client.force_login(officer)
    response = client.get("/initiatives/export.csv", {"status": "adopted", "partner": "japan"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert sorted(r["Name"] for r in rows) == [
        "ASEAN-Japan Cybersecurity Programme",
        "ASEAN-Japan ICT Work Plan 2021",
    ]
    assert {r["Status"] for r in rows} == {"Adopted"}
    assert all("Japan (funder)" in r["Partners (role)"] for r in rows)
    assert rows[0]["Link"].startswith("http://testserver/initiatives/")


def test_it_exports_the_same_rows_as_xlsx(client, officer, japan_mix):
    client.force_login(officer)
    query = {"status": "adopted", "partner": "japan", "ordering": "name"}
    listed = [i.name for i in client.get("/initiatives/", query).context["initiatives"]]
    response = client.get("/initiatives/export.xlsx", query)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert [r[0] for r in rows[1:]] == listed


def test_it_exports_every_row_without_pagination(client, officer, world):
    for n in range(30):
        make_initiative(f"Extra initiative {n:02d}", kind="study")
    client.force_login(officer)
    assert len(client.get("/initiatives/", {"kind": "study"}).context["initiatives"]) == 25
    assert len(csv_rows(client.get("/initiatives/export.csv", {"kind": "study"}))) == 30


def test_it_neutralises_spreadsheet_formulas_in_exports(client, officer, world):
    make_initiative('=HYPERLINK("http://evil")', slug="formula")
    client.force_login(officer)
    rows = csv_rows(client.get("/initiatives/export.csv", {"q": "HYPERLINK"}))
    assert [r["Name"] for r in rows] == ['\'=HYPERLINK("http://evil")']


def test_it_filters_several_statuses_at_once_and_no_status(client, officer, world):
    bare = make_initiative("Not yet discussed")
    client.force_login(officer)
    both = names_on_page(client.get("/initiatives/?status=preparing&status=implementing"))
    assert both == {"Digital Economy Framework Agreement", "ASEAN Digital Masterplan 2025"}
    assert names_on_page(client.get("/initiatives/?status=none")) == {bare.name}


def test_it_filters_by_kind_lead_meeting_and_outcome(client, officer, world):
    world.focus.outcomes.add(world.masterplan.desired_outcomes.get(code="DO6"))
    client.force_login(officer)
    assert names_on_page(client.get("/initiatives/?kind=agreement")) == {world.focus.name}
    lead = client.get(f"/initiatives/?lead={world.body.slug}")
    assert names_on_page(lead) == {world.focus.name}
    at_two = names_on_page(client.get("/initiatives/?meeting=adgmin-2"))
    assert at_two == {world.focus.name}
    at_one = names_on_page(client.get("/initiatives/?meeting=adgmin-1"))
    assert at_one == {world.masterplan.name}
    assert names_on_page(client.get("/initiatives/?outcome=DO6")) == {world.focus.name}
    assert names_on_page(client.get("/initiatives/?outcome=DO1")) == set()


def test_it_filters_initiatives_active_in_a_year(client, officer, world):
    make_initiative("Old plan", period_start=2016, period_end=2020)
    make_initiative("Open plan", period_start=2021)
    make_initiative("Work plan 2023", work_plan_partner=world.japan, work_plan_year=2023)
    client.force_login(officer)
    assert names_on_page(client.get("/initiatives/?year=2018")) == {"Old plan"}
    assert names_on_page(client.get("/initiatives/?year=2023")) == {"Open plan", "Work plan 2023"}


@override_settings(STALE_AFTER_DAYS=30)
def test_it_filters_stale_initiatives_by_the_configured_age(client, officer, world):
    today = date.today()
    progress(world.focus, today - timedelta(days=10), author=officer)
    progress(world.masterplan, today - timedelta(days=40), author=officer)
    done = make_initiative("Finished study", status="completed")
    client.force_login(officer)
    stale = names_on_page(client.get("/initiatives/?stale=true"))
    assert world.masterplan.name in stale
    assert world.focus.name not in stale
    assert done.name not in stale
    fresh = names_on_page(client.get("/initiatives/?stale=false"))
    assert world.focus.name in fresh and world.masterplan.name not in fresh


@override_settings(STALE_AFTER_DAYS=60)
def test_it_counts_a_country_note_as_evidence_against_staleness(client, officer, world):
    """Stale means no evidence of any kind: a member state's note is news of the initiative."""
    client.force_login(officer)
    assert world.focus.name in names_on_page(client.get("/initiatives/?stale=true"))
    progress(world.focus, date.today(), member_state=world.malaysia, summary="Our note")
    assert world.focus.name not in names_on_page(client.get("/initiatives/?stale=true"))


def test_it_searches_name_acronym_aliases_and_description(client, officer, world):
    Initiative.objects.filter(pk=world.masterplan.pk).update(aliases="ADM2025\nDigital Plan")
    client.force_login(officer)
    assert names_on_page(client.get("/initiatives/?q=defa")) == {world.focus.name}
    assert names_on_page(client.get("/initiatives/?q=digital plan")) == {world.masterplan.name}
    assert names_on_page(client.get("/initiatives/?q=trade")) == {world.focus.name}


def test_it_sorts_by_status_along_the_ladder(client, officer, world):
    make_initiative("Only proposed", status="proposed")
    client.force_login(officer)
    response = client.get("/initiatives/?ordering=-status")
    statuses = [i.status for i in response.context["initiatives"]]
    assert statuses == ["implementing", "preparing", "proposed"]


def test_it_keeps_the_filters_in_the_pagination_links(client, officer, world):
    for n in range(30):
        make_initiative(f"Study {n:02d}", kind="study")
    client.force_login(officer)
    response = client.get("/initiatives/", {"kind": "study", "q": "Study"})
    body = response.content.decode()
    assert "kind=study" in body and "page=2" in body
    assert 'href="?kind=study&amp;q=Study&amp;page=2"' in body
    second = client.get("/initiatives/", {"kind": "study", "q": "Study", "page": 2})
    assert len(second.context["initiatives"]) == 5


def test_it_shows_errors_and_no_rows_for_an_invalid_filter(client, officer, world):
    client.force_login(officer)
    response = client.get("/initiatives/?status=bogus&partner=nobody")
    assert response.status_code == 200
    assert list(response.context["initiatives"]) == []
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Some filters are not valid" in body


def test_it_refuses_to_export_an_invalid_filter(client, officer, world):
    client.force_login(officer)
    response = client.get("/initiatives/export.csv?year=notayear")
    assert response.status_code == 400
    assert b"year" in response.content


def test_it_answers_404_for_an_unknown_export_format(client, officer, world):
    client.force_login(officer)
    assert client.get("/initiatives/export.pdf").status_code == 404


def test_it_refuses_post(client, officer, world):
    client.force_login(officer)
    assert client.post("/initiatives/").status_code == 405
    assert client.post("/initiatives/export.csv").status_code == 405


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, world):
    for url in ("/initiatives/", "/initiatives/export.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_its_filterset_works_on_a_bare_queryset_as_the_api_gives_it(world):
    make_meeting("ADGSOM", 1, date(2023, 1, 1))
    make_partner("Korea")
    filterset = InitiativeFilterSet(
        {"status": ["preparing"], "ordering": "-updated", "stale": "true"},
        queryset=Initiative.objects.all(),
    )
    assert filterset.is_valid(), filterset.errors
    assert [i.name for i in filterset.qs] == [world.focus.name]


def test_an_export_read_in_chunks_writes_the_same_rows(client, officer, world, monkeypatch):
    from initiatives.selectors import lists

    for i in range(7):
        initiative = make_initiative(f"Chunked study {i}", kind="study")
        InitiativePartner.objects.create(initiative=initiative, partner=world.japan, role="lead")
    client.force_login(officer)
    whole = csv_rows(client.get("/initiatives/export.csv", {"kind": "study"}))
    monkeypatch.setattr(lists, "EXPORT_CHUNK", 3)  # 7+ rows: three chunks and a remainder
    chunked = csv_rows(client.get("/initiatives/export.csv", {"kind": "study"}))
    assert len(whole) >= 7 and chunked == whole
    assert any("(lead)" in row["Partners (role)"] for row in chunked)
