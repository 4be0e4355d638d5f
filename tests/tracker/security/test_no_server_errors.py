"""Hostile requests the audit answered with a 500: each is now a 4xx with a message.

Nested JSON bodies, dates far outside the tracker's range (which broke the iCalendar feed for
everyone) and damaged spreadsheets.
"""

import io
import zipfile
from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives.importer.forms import MeetingReviewForm
from initiatives.models import Meeting
from initiatives.spreadsheets import SpreadsheetError, read_spreadsheet

DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture
def officer_api(officer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
    return client


class TestNestedJson:
    def test_it_refuses_deep_nesting_sent_anonymously_to_the_token_endpoint(self, client, db):
        # 30,000 levels: deep enough to exhaust the recursion limit, small enough (60 KB) to pass
        # the anonymous body cap (DEEP, 200 KB, is a 413 before parsing).
        deep = b"[" * 30_000 + b"]" * 30_000
        response = client.post("/api/auth/token/", deep, content_type="application/json")
        assert response.status_code == 400
        assert "nested" in response.json()["detail"]

    def test_it_refuses_deep_nesting_sent_to_any_api_write(self, officer_api):
        for url in ("/api/meetings/", "/api/initiatives/", "/api/progress-updates/"):
            response = officer_api.generic("POST", url, DEEP, content_type="application/json")
            assert response.status_code == 400, url

    def test_it_still_reads_ordinary_json(self, client, officer):
        response = client.post(
            "/api/auth/token/",
            {"username": officer.username, "password": "pw"},
            content_type="application/json",
        )
        assert response.status_code == 200 and response.json()["token"]


class TestDatesOutOfRange:
    def test_the_api_refuses_a_meeting_in_the_year_9999(self, officer_api):
        response = officer_api.post(
            "/api/meetings/",
            {"series": "ADGMIN", "number": 40, "start_date": "9999-12-31"},
            format="json",
        )
        assert response.status_code == 400
        assert "between 1990 and 2100" in str(response.json()["start_date"])
        assert not Meeting.objects.filter(number=40).exists()

    def test_the_api_refuses_a_progress_update_dated_in_year_1(self, officer_api, officer):
        from initiatives.models import Initiative

        Initiative.objects.create(name="Data Framework", slug="dmf")
        response = officer_api.post(
            "/api/progress-updates/",
            {"initiative": "dmf", "date": "0001-01-01", "summary": "x"},
            format="json",
        )
        assert response.status_code == 400 and "date" in response.json()

    def test_the_meeting_form_refuses_it(self, client, officer):
        client.force_login(officer)
        client.post(
            "/meetings/new/",
            {"series": "ADGMIN", "number": 41, "start_date": "9999-12-31"},
        )
        assert not Meeting.objects.filter(number=41).exists()

    def test_the_import_review_refuses_it(self, db):
        form = MeetingReviewForm({"start_date": "9999-12-31"})
        assert not form.is_valid() and "start_date" in form.errors

    def test_the_calendar_feed_survives_a_stored_meeting_at_the_end_of_time(self, client, officer):
        Meeting.objects.create(
            series="ADGMIN", number=42, slug="adgmin-42", start_date=date(9999, 12, 31)
        )
        Meeting.objects.create(
            series="ADGMIN", number=3, slug="adgmin-3", start_date=date(2023, 2, 9)
        )
        client.force_login(officer)
        response = client.get("/feeds/meetings.ics")
        assert response.status_code == 200
        assert b"DTSTART;VALUE=DATE:20230209" in response.content


LAUGHS = (
    b'<!DOCTYPE w [<!ENTITY l0 "ha">'
    + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def _workbook(rewrite) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "partners"
    sheet.append(["slug", "name", "kind"])
    sheet.append(["x", "X", "member_state"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = rewrite(data)
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "rewrite",
    [
        pytest.param(lambda xml: xml[: len(xml) // 2], id="truncated worksheet"),
        pytest.param(lambda xml: b"<worksheet><sheetData><row>", id="unclosed tags"),
        pytest.param(
            lambda xml: b"<!DOCTYPE w>" + xml.replace(b"<t>x</t>", b"<t>&nope;</t>"),
            id="doctype and an undefined entity",
        ),
        pytest.param(
            lambda xml: LAUGHS + xml.replace(b"<t>x</t>", b"<t>&l9;</t>"),
            id="entity expansion bomb",
        ),
    ],
)
def test_a_damaged_workbook_is_refused_with_a_message(rewrite):
    with pytest.raises(SpreadsheetError) as refused:
        read_spreadsheet(_workbook(rewrite), filename="book.xlsx")
    assert "XLSX" in str(refused.value)
