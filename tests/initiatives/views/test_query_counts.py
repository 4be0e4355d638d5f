"""Every tracking page makes the same number of queries with 2 or 10 rows of everything.

Each page is measured on a small record with a ceiling (django_assert_max_num_queries), then the
record grows five-fold and the page must make exactly as many queries (django_assert_num_queries).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import grow

# Ceilings: the count measured on the small record plus two, so a page that starts to make
# more queries is noticed even before it grows with the rows.
PAGES = {
    "dashboard (officer)": ("officer", "/", 15),
    # A focal point's dashboard adds "your country": implementation records (3 queries).
    "dashboard (focal point)": ("focal_my", "/", 20),
    "initiative list": ("officer", "/initiatives/", 11),
    "filtered list": (
        "officer",
        "/initiatives/?status=adopted&status=preparing&partner=japan&kind=framework"
        "&meeting=adgmin-3&outcome=DO2&lead=asean-digital-senior-officials-meeting&year=2024"
        "&stale=true&q=initiative&ordering=-status",
        14,
    ),
    "csv export": ("officer", "/initiatives/export.csv?partner=japan", 8),
    "xlsx export": ("officer", "/initiatives/export.xlsx", 7),
    "matrix": ("officer", "/initiatives/matrix/", 13),
    "filtered matrix": ("officer", "/initiatives/matrix/?partner=japan&status=adopted", 14),
    "initiative detail": ("officer", "/initiatives/defa/", 13),
    "initiative detail (focal point)": ("focal_my", "/initiatives/defa/", 15),
    "meeting list": ("officer", "/meetings/", 6),
    "meeting detail": ("officer", "/meetings/adgmin-3/", 15),
    "partner list": ("officer", "/partners/", 7),
    "partner list by kind": ("officer", "/partners/?kind=member_state", 7),
    "dialogue partner detail": ("officer", "/partners/japan/", 12),
    "member state detail": ("focal_my", "/partners/malaysia/", 15),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_it_makes_as_many_queries_with_five_times_the_rows(
    name, client, world, officer, focal_my, django_assert_max_num_queries, django_assert_num_queries
):
    who, url, ceiling = PAGES[name]
    client.force_login({"officer": officer, "focal_my": focal_my}[who])
    grow(world, 2, author=officer)
    client.get(url)  # warm-up: first-use caches (content types, sessions) are not the page's cost

    with django_assert_max_num_queries(ceiling) as small:
        response = client.get(url)
    assert response.status_code == 200

    grow(world, 8, author=officer)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_it_really_lists_more_rows_on_the_bigger_record(client, world, officer):
    """The query-count test is only meaningful if the pages do show the extra rows."""
    client.force_login(officer)
    grow(world, 2, author=officer)
    small = client.get("/initiatives/matrix/").content.decode().count('class="cell')
    grow(world, 8, author=officer)
    big = client.get("/initiatives/matrix/").content.decode().count('class="cell')
    assert big > small * 3
    detail = client.get("/initiatives/defa/").content.decode()
    assert detail.count("Malaysia note") == 10
    with CaptureQueriesContext(connection):
        csv_rows = client.get("/initiatives/export.csv?partner=japan").content.decode()
    assert csv_rows.count("Initiative 0") == 10
