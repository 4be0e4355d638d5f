"""A newcomer finds their way: help, badges that explain themselves, menus by role, forms that
say what to correct, filters that can be undone, names that say what an export holds."""

import re
from datetime import date

import pytest
from django.test import override_settings

from initiatives.choices import STATUS_MEANINGS, STATUS_RANK, Status
from initiatives.models import Initiative
from partners.models import Partner
from tests.factories import make_initiative, make_meeting, make_statement, progress


def main_of(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1]


# ---------------------------------------------------------------------------------------------
# Help and badges
# ---------------------------------------------------------------------------------------------
def test_the_help_page_explains_every_status_in_order(client, focal_my, world):
    client.force_login(focal_my)
    body = main_of(client.get("/help/"))
    positions = [body.index(f'id="status-{s}"') for s in Status.values]
    ladder = sorted(STATUS_RANK, key=STATUS_RANK.get)
    assert positions[: len(ladder)] == sorted(positions[: len(ladder)])
    for status in Status.values:
        assert STATUS_MEANINGS[status].meaning in body
        assert STATUS_MEANINGS[status].words in body
    for words in ("Returned", "Went silent", "Regressed", "Statement quotation", "Focal point"):
        assert words in body


def test_the_help_page_needs_a_login_and_refuses_posts(client, officer):
    assert client.get("/help/").status_code == 302
    client.force_login(officer)
    assert client.post("/help/").status_code == 405


def test_a_status_badge_says_its_meaning_and_links_to_it(client, officer, world):
    client.force_login(officer)
    body = main_of(client.get("/initiatives/"))
    meaning = STATUS_MEANINGS[Status.PREPARING].meaning
    assert (
        f'<a class="status status-preparing" href="/help/#status-preparing" '
        f'title="Preparing: {meaning}">' in body
    )


def test_the_matrix_says_what_regressed_is_measured_against(client, officer, world):
    client.force_login(officer)
    body = main_of(client.get("/initiatives/matrix/"))
    assert "Proposed → Preparing → Adopted → Implementing → Completed" in body
    assert 'href="/help/#statuses"' in body


# ---------------------------------------------------------------------------------------------
# Navigation
# ---------------------------------------------------------------------------------------------
def nav_of(response) -> str:
    return re.search(r'<nav aria-label="Main">(.*?)</nav>', response.content.decode(), re.S)[1]


def test_a_focal_point_sees_no_officer_menus(client, focal_my, world):
    client.force_login(focal_my)
    nav = nav_of(client.get("/"))
    for officer_only in (">Import<", ">Exchange<", ">API<", ">As of<"):
        assert officer_only not in nav
    assert ">Initiatives<" in nav and ">Help<" in nav


def test_an_officer_sees_the_officer_menus(client, officer, world):
    client.force_login(officer)
    nav = nav_of(client.get("/"))
    for menu in (">Import<", ">Exchange<", ">API<", ">As of<"):
        assert menu in nav


def test_the_menu_marks_the_current_page_and_section(client, officer, world):
    client.force_login(officer)
    nav = nav_of(client.get("/meetings/"))
    assert re.search(r'href="/meetings/" aria-current="page">Meetings<', nav)
    assert nav.count("aria-current") == 1
    nav = nav_of(client.get(world.focus.get_absolute_url()))
    assert re.search(r'href="/initiatives/" aria-current="true">Initiatives<', nav)


def test_forms_have_breadcrumbs(client, officer, world):
    client.force_login(officer)
    body = main_of(client.get(f"/initiatives/{world.focus.slug}/progress/new/"))
    crumbs = re.search(r'<nav class="breadcrumbs[^>]*>(.*?)</nav>', body, re.S)[1]
    assert 'href="/initiatives/">Initiatives</a>' in crumbs
    assert f'href="{world.focus.get_absolute_url()}">{world.focus.label}</a>' in crumbs
    body = main_of(client.get("/meetings/new/"))
    assert 'href="/meetings/">Meetings</a>' in body.split("<h1>")[0]


@override_settings(DEBUG=False)
def test_an_unknown_address_shows_the_apps_own_404_with_navigation(client, officer, world):
    client.force_login(officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "There is no page at this address" in body
    assert '<nav aria-label="Main">' in body
    assert 'action="/search/"' in body


def test_the_500_page_stands_alone(client):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong" in page and "/static/css/tracker.css" in page


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------
def test_each_filter_chip_removes_only_itself(client, officer, world):
    client.force_login(officer)
    response = client.get(
        "/initiatives/", {"status": ["preparing", "implementing"], "kind": "agreement"}
    )
    body = main_of(response)
    chips = re.findall(r'<li class="chip">.*?href="([^"]+)"', body, re.S)
    assert len(chips) == 3
    removed = {href.replace("&amp;", "&").split("?", 1)[1] for href in chips}
    assert removed == {
        "status=implementing&kind=agreement",
        "status=preparing&kind=agreement",
        "status=preparing&status=implementing",
    }
    assert 'href="/initiatives/">Clear all filters</a>' in body


def test_an_empty_result_offers_a_way_out(client, officer, world):
    client.force_login(officer)
    body = main_of(client.get("/initiatives/", {"q": "nothing-matches-this"}))
    assert "No initiative matches these filters." in body
    assert 'href="/initiatives/">clear all filters</a>' in body


def test_the_export_name_says_what_it_holds(client, officer, world):
    client.force_login(officer)
    response = client.get("/initiatives/export.csv", {"partner": "japan", "status": "preparing"})
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="initiatives-status-preparing-partner-japan-\d{4}-\d\d-\d\d\.csv"',
        disposition,
    ), disposition
    plain = client.get("/initiatives/export.csv")["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="initiatives-\d{4}-\d\d-\d\d\.csv"', plain)


# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------
def described_ids(body: str) -> set[str]:
    return {i for ids in re.findall(r'aria-describedby="([^"]+)"', body) for i in ids.split()}


def test_a_form_with_errors_points_at_help_and_errors_that_exist(client, officer, world):
    client.force_login(officer)
    response = client.post(f"/initiatives/{world.focus.slug}/progress/new/", {"date": "not a date"})
    assert response.status_code == 200
    body = main_of(response)
    ids = described_ids(body)
    assert "id_date_error" in ids and "id_summary_error" in ids
    for element_id in ids:
        assert f'id="{element_id}"' in body, element_id
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', body, re.S)[1]
    assert 'href="#id_date"' in summary and 'href="#id_summary"' in summary


def test_the_progress_form_shows_the_current_status(client, officer, world):
    client.force_login(officer)
    body = main_of(client.get(f"/initiatives/{world.focus.slug}/progress/new/"))
    assert "Current status of Digital Economy Framework Agreement (DEFA):" in body
    assert 'class="status status-preparing"' in body.split("<form", 1)[0]


def test_password_rules_show_before_the_first_attempt(client, admin_user, db):
    client.force_login(admin_user)
    body = main_of(client.get("/users/new/"))
    assert 'id="id_password1_helptext"' in body
    assert re.search(r"at least \d+ characters", body)


def test_a_focal_point_without_a_state_is_told_what_to_do(client, admin_user, db):
    client.force_login(admin_user)
    response = client.post(
        "/users/new/",
        {
            "username": "newfocal",
            "email": "n@example.org",
            "role": "Focal point",
            "password1": "a-Long-enough-pass-phrase-42",
            "password2": "a-Long-enough-pass-phrase-42",
        },
    )
    assert "Choose the member state this person reports for" in response.content.decode()


def test_the_error_summary_script_is_served_from_the_site(client, officer, world):
    client.force_login(officer)
    body = client.get("/").content.decode()
    assert '<script src="/static/js/tracker.js" defer></script>' in body
    assert "<script>" not in body  # CSP 'self': no inline script


# ---------------------------------------------------------------------------------------------
# The focal point's empty state agrees with the partner page
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def thailand_named_in_paragraphs(db):
    thailand = Partner.objects.create(name="Thailand", slug="thailand", kind="member_state")
    meeting = make_meeting("ADGMIN", 5, date(2025, 1, 16))
    make_statement(
        meeting,
        [
            "The Meeting thanked Thailand for hosting the workshop.",
            "The Meeting noted the report presented by Thailand.",
        ],
    )
    return thailand


def test_the_focal_points_empty_state_counts_the_paragraphs_naming_the_state(
    client, thailand_named_in_paragraphs
):
    from tests.factories import make_user
    from tracker import roles

    focal = make_user("focal_th", roles.FOCAL_POINT, thailand_named_in_paragraphs)
    client.force_login(focal)
    dashboard = main_of(client.get("/"))
    assert "No initiative names Thailand yet, but 2 statement paragraphs name it" in dashboard
    assert "No initiative or statement paragraph names Thailand" not in dashboard
    partner_page = main_of(client.get("/partners/thailand/"))
    assert "2 statement paragraphs name it" in partner_page
    assert partner_page.count('href="/meetings/adgmin-5/#p') == 2


def test_the_empty_state_says_nothing_names_a_state_only_when_true(client, db):
    from tests.factories import make_user
    from tracker import roles

    laos = Partner.objects.create(name="Lao PDR", slug="lao-pdr", kind="member_state")
    make_initiative("Some Unrelated Plan")
    client.force_login(make_user("focal_la", roles.FOCAL_POINT, laos))
    assert "No initiative or statement paragraph names Lao PDR yet." in main_of(client.get("/"))
    assert Initiative.objects.count() == 1


def test_the_withdraw_page_has_breadcrumbs_to_its_initiative(client, focal_my, world):
    note = progress(world.focus, date.today(), member_state=world.malaysia, summary="Our note")
    client.force_login(focal_my)
    body = main_of(client.get(f"/progress/{note.pk}/withdraw/"))
    crumbs = re.search(r'<nav class="breadcrumbs[^>]*>(.*?)</nav>', body, re.S)[1]
    assert 'href="/initiatives/">Initiatives</a>' in crumbs
    assert f'href="{world.focus.get_absolute_url()}">{world.focus.label}</a>' in crumbs
    assert '<span aria-current="page">Withdraw</span>' in crumbs
