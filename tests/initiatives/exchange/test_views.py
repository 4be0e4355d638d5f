"""The exchange pages: officers export and import through a preview; others are refused."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from initiatives import spreadsheets as ss
from initiatives.models import Initiative

XLSX = ss.XLSX_TYPE


@pytest.fixture
def officer_client(client, demo, officer):
    client.force_login(officer)
    return client


def _xlsx(edit=None) -> bytes:
    wb = load_workbook(io.BytesIO(ss.export_xlsx(ss.querysets())))
    if edit:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _set(ws, row: int, column: str, value) -> None:
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1, value=value)


def _upload(client, data: bytes, name: str = "tracker.xlsx", *, follow: bool = False):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post("/exchange/import/", {"file": upload}, follow=follow)


def test_it_shows_the_exchange_page_to_officers(officer_client):
    response = officer_client.get("/exchange/")
    assert response.status_code == 200
    assert b"Everything as one Excel workbook" in response.content
    assert b"progress_updates" in response.content


@pytest.mark.parametrize(
    "url", ["/exchange/", "/exchange/export/all.xlsx", "/exchange/export/partners.csv"]
)
def test_it_refuses_focal_points_with_403(client, demo, focal_my, url):
    client.force_login(focal_my)
    assert client.get(url).status_code == 403


def test_it_refuses_an_import_by_a_focal_point(client, demo, focal_my):
    client.force_login(focal_my)
    assert _upload(client, _xlsx()).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/exchange/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_refuses_a_get_on_the_import_address(officer_client):
    assert officer_client.get("/exchange/import/").status_code == 405


def test_it_exports_a_workbook_with_three_sheets(officer_client):
    response = officer_client.get("/exchange/export/all.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["partners", "initiatives", "progress_updates"]


def test_the_initiatives_export_takes_the_list_filters(officer_client):
    response = officer_client.get("/exchange/export/initiatives.csv?status=adopted")
    assert response.status_code == 200
    # Cells may hold line breaks (sources, descriptions): count records, not lines.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    adopted = Initiative.objects.filter(status="adopted").count()
    assert len(rows) == adopted > 0
    assert officer_client.get("/exchange/export/initiatives.csv?status=bogus").status_code == 400


@pytest.mark.parametrize("url", ["/exchange/export/all.csv", "/exchange/export/users.xlsx"])
def test_it_answers_404_for_an_unknown_export(officer_client, url):
    assert officer_client.get(url).status_code == 404


def test_an_upload_is_previewed_and_applied_only_on_confirmation(officer_client):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, 2, "description", "Edited in a spreadsheet")

    slug = Initiative.objects.order_by("name", "pk").first().slug
    response = _upload(officer_client, _xlsx(edit))
    assert response.status_code == 200
    assert b"Edited in a spreadsheet" in response.content
    assert b"initiatives, row 2" in response.content
    assert Initiative.objects.get(slug=slug).description != "Edited in a spreadsheet"

    token = response.context["token"]
    confirmed = officer_client.post("/exchange/import/confirm/", {"token": token})
    assert confirmed.status_code == 302
    assert Initiative.objects.get(slug=slug).description == "Edited in a spreadsheet"
    # The stored upload is gone: confirming twice does nothing more.
    again = officer_client.post("/exchange/import/confirm/", {"token": token}, follow=True)
    assert b"expired" in again.content


def test_an_xlsx_with_a_bad_date_in_row_7_is_refused_and_nothing_applied(officer_client):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, 2, "description", "Should not land")
        _set(ws, 7, "expected_date", "not a date")

    before = ss.export_csv("initiatives")
    response = _upload(officer_client, _xlsx(edit))
    assert response.status_code == 400
    assert "row 7" in response.content.decode()
    assert "Nothing was imported" in response.content.decode()
    assert ss.export_csv("initiatives") == before


def test_an_unchanged_export_changes_nothing(officer_client):
    response = _upload(officer_client, _xlsx(), follow=True)
    assert b"nothing would change" in response.content


def test_a_file_that_is_not_a_spreadsheet_is_refused(officer_client):
    response = _upload(officer_client, b"%PDF-1.4 not a sheet", name="statement.xlsx")
    assert response.status_code == 400
    assert b"not a readable XLSX workbook" in response.content


def test_a_confirmation_with_a_wrong_token_applies_nothing(officer_client):
    def edit(wb):
        _set(wb["initiatives"], 2, "description", "Wrong token")

    _upload(officer_client, _xlsx(edit))
    response = officer_client.post("/exchange/import/confirm/", {"token": "forged"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(description="Wrong token").exists()


def test_a_preview_overtaken_by_another_edit_is_shown_again(officer_client, officer):
    from initiatives import services

    def edit(wb):
        _set(wb["initiatives"], 2, "description", "From the sheet")

    slug = Initiative.objects.order_by("name", "pk").first().slug
    token = _upload(officer_client, _xlsx(edit)).context["token"]
    # Someone records a change between the preview and the confirmation.
    initiative = Initiative.objects.get(slug=slug)
    services.initiative_update(
        initiative=initiative,
        user=officer,
        expected_version=initiative.version,
        seen_history_id=None,
        acronym="CHG",
    )
    response = officer_client.post("/exchange/import/confirm/", {"token": token})
    assert response.status_code == 409
    assert Initiative.objects.get(slug=slug).description != "From the sheet"


def test_cancel_forgets_the_upload(officer_client):
    def edit(wb):
        _set(wb["initiatives"], 2, "description", "Cancelled")

    token = _upload(officer_client, _xlsx(edit)).context["token"]
    assert officer_client.post("/exchange/import/cancel/").status_code == 302
    officer_client.post("/exchange/import/confirm/", {"token": token})
    assert not Initiative.objects.filter(description="Cancelled").exists()


def test_an_upload_over_the_size_limit_is_refused(officer_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = _upload(officer_client, _xlsx())
    assert response.status_code == 400
    assert b"larger than" in response.content


# ------------------------------------------------------------------------------
# API token page
# ------------------------------------------------------------------------------
def test_every_signed_in_user_can_make_and_renew_their_token(client, demo, focal_my):
    from rest_framework.authtoken.models import Token

    client.force_login(focal_my)
    page = client.get("/exchange/api/")
    assert page.status_code == 200 and b"You have no token yet" in page.content
    assert client.post("/exchange/api/").status_code == 302
    first = Token.objects.get(user=focal_my).key
    page = client.get("/exchange/api/")
    assert first.encode() in page.content
    assert f"/feeds/meetings.ics?token={first}".encode() in page.content
    client.post("/exchange/api/")
    assert Token.objects.get(user=focal_my).key != first


def test_the_progress_date_column_round_trips_through_the_page(officer_client, officer):
    from initiatives import services

    services.progress_update_create(
        initiative=Initiative.objects.get(slug="defa"),
        user=officer,
        date=date(2024, 2, 29),
        summary="Leap day",
    )
    exported = officer_client.get("/exchange/export/progress_updates.csv").content
    assert b"2024-02-29" in exported
    response = _upload(officer_client, exported, name="progress_updates.csv", follow=True)
    assert b"nothing would change" in response.content
