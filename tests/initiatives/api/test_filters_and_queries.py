"""The API lists what the pages list, and its query count does not grow with the rows."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

FILTERS = [
    "status=adopted",
    "status=adopted&status=implementing",
    "status=none",
    "kind=framework",
    "q=data",
    "partner=japan",
    "meeting=adgmin-3",
    "outcome=DO6",
    "year=2023",
    "stale=true",
    "status=adopted&ordering=-mentioned",
    "ordering=-status",
]


def _page_slugs(client, query: str) -> list[str]:
    """The initiatives the list page shows for a query, across all its pages, in order."""
    slugs, page = [], 1
    while True:
        response = client.get(f"/initiatives/?{query}&page={page}")
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        links = soup.select("table.initiatives tbody td:first-child a")
        slugs += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in links]
        if not soup.select_one(f'a[href*="page={page + 1}"]'):
            return slugs
        page += 1


def _api_slugs(api, query: str) -> list[str]:
    slugs, url = [], f"/api/initiatives/?{query}"
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        slugs += [row["slug"] for row in body["results"]]
        url = body["next"]
    return slugs


@pytest.mark.parametrize("query", FILTERS)
def test_the_api_lists_what_the_initiatives_page_shows(client, api, demo, officer, query):
    client.force_login(officer)
    api.as_user(officer)
    page = _page_slugs(client, query)
    assert _api_slugs(api, query) == page
    assert len(set(page)) == len(page)  # no row on two pages


def test_status_adopted_gives_only_adopted_initiatives(api, demo, officer):
    rows = api.as_user(officer).get("/api/initiatives/?status=adopted").json()["results"]
    assert rows
    assert {row["status"] for row in rows} == {"adopted"}


def test_it_reports_an_unknown_filter_value_as_400(api, demo, officer):
    response = api.as_user(officer).get("/api/initiatives/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()


def test_it_filters_progress_updates_and_mentions(api, make_records, officer):
    make_records(3)
    client = api.as_user(officer)
    notes = client.get("/api/progress-updates/?is_country_note=true").json()
    assert notes["count"] == 3
    assert {row["member_state"] for row in notes["results"]} == {"malaysia"}
    official = client.get("/api/progress-updates/?is_country_note=false&initiative=item-1").json()
    assert [row["summary"] for row in official["results"]] == ["On track"]
    mentions = client.get("/api/mentions/?initiative=item-2&meeting=item-forum-3").json()
    assert [(row["initiative"], row["paragraph_number"]) for row in mentions["results"]] == [
        ("item-2", 1)
    ]
    assert client.get("/api/mentions/?status=completed").json()["count"] == 0


def test_it_pages_with_a_page_size_capped_at_500(api, make_records, officer):
    make_records(3)
    client = api.as_user(officer)
    first = client.get("/api/initiatives/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    assert client.get("/api/initiatives/?page=99").status_code == 404


LIST_URLS = [
    "/api/initiatives/?page_size=500",
    "/api/initiatives/?page_size=500&stale=true&ordering=-updated",
    "/api/mentions/?page_size=500",
    "/api/progress-updates/?page_size=500",
    "/api/partners/?page_size=500",
    "/api/meetings/?page_size=500",
    "/api/statements/?page_size=500",
    "/api/paragraphs/?page_size=500",
]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", LIST_URLS)
def test_the_number_of_queries_does_not_grow_with_the_rows(api, make_records, officer, url):
    client = api.as_user(officer)
    make_records(3, prefix="small")
    small = _queries(client, url)
    make_records(30, prefix="large")
    assert client.get(url).json()["count"] >= 30
    assert _queries(client, url) == small


def test_an_initiative_detail_costs_the_same_with_a_long_timeline(api, make_records, officer):
    from datetime import date

    from initiatives import services
    from initiatives.models import Initiative, Meeting

    client = api.as_user(officer)
    make_records(1, prefix="solo")
    initiative = Initiative.objects.get(slug="solo-0")
    short = _queries(client, "/api/initiatives/solo-0/")
    for number in range(20, 40):
        meeting = Meeting.objects.create(
            series="ADGMIN", number=number, slug=f"adgmin-{number}", start_date=date(2030, 1, 1)
        )
        services.mention_record(meeting=meeting, initiative=initiative, status="implementing")
    assert len(client.get("/api/initiatives/solo-0/").json()["timeline"]) == 22
    assert _queries(client, "/api/initiatives/solo-0/") == short
