"""The records as a spreadsheet: round trip unchanged, all or nothing, own state only."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from implementation import spreadsheet
from implementation.models import ImplementationRecord

from .conftest import record

pytestmark = pytest.mark.django_db
UPLOAD = reverse("implementation:upload")


@pytest.fixture
def records(malaysia, singapore, mccs, ai_guide):
    return [
        record(mccs, malaysia, stage="planning", note="=cmd|' /C calc'!A0"),
        record(ai_guide, malaysia, stage="in_progress", evidence_url="https://example.org/a"),
        record(mccs, singapore, stage="implemented", as_of=date(2025, 1, 2)),
    ]


def upload(client, user, data: bytes, name: str = "records.csv"):
    client.force_login(user)
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def history_count() -> int:
    return ImplementationRecord.history.count()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_round_trip_changes_nothing(client, officer, records, fmt):
    client.force_login(officer)
    exported = client.get(reverse("implementation:records_export", args=[fmt])).content
    before = history_count()
    response = upload(client, officer, exported, f"records.{fmt}")
    assert response.status_code == 200
    assert response.context["result"].unchanged == 3
    assert history_count() == before


def test_the_export_writes_formulas_as_text(client, officer, records):
    client.force_login(officer)
    csv_text = client.get(reverse("implementation:records_export", args=["csv"])).content
    assert b"'=cmd" in csv_text
    xlsx = client.get(reverse("implementation:records_export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    notes = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert "=cmd|' /C calc'!A0" in notes
    assert all(row[5].data_type == "s" for row in sheet.iter_rows(min_row=2) if row[5].value)


def test_a_focal_point_updates_their_own_rows_beside_other_states_untouched(
    client, focal_my, records
):
    # The whole export, Singapore's row included as it was: only Malaysia's row changes.
    edited = spreadsheet.export_csv().decode("utf-8-sig").replace("in_progress", "implemented")
    edited = edited.encode()
    response = upload(client, focal_my, edited)
    assert response.status_code == 200, response.context["problems"]
    assert response.context["result"].changed == 1
    assert ImplementationRecord.objects.get(pk=records[1].pk).stage == "implemented"


def test_a_row_for_another_state_is_named_and_nothing_is_applied(client, focal_my, records):
    data = spreadsheet.export_csv().decode("utf-8-sig").replace("in_progress", "implemented")
    data = data.replace(",planning,", ",implemented,").replace("2025-01-02", "2025-01-03")
    before = history_count()
    response = upload(client, focal_my, data.encode())
    assert response.status_code == 403
    assert response.context["problems"] == ["Row 4: Singapore is not your member state."]
    assert history_count() == before
    assert ImplementationRecord.objects.get(pk=records[0].pk).stage == "planning"


def test_one_bad_row_refuses_the_whole_file(client, officer, records):
    data = spreadsheet.export_csv().decode("utf-8-sig")
    data = data.replace(",planning,", ",implemented,").replace(",in_progress,", ",finished,")
    response = upload(client, officer, data.encode())
    assert response.status_code == 400
    assert any("Row 2" in p or "Row 3" in p for p in response.context["problems"])
    assert ImplementationRecord.objects.get(pk=records[0].pk).stage == "planning"


def test_a_row_exported_before_someone_elses_save_is_a_conflict(client, officer, records):
    data = spreadsheet.export_csv()
    from implementation import services

    services.implementation_record_save(
        initiative=records[0].initiative,
        member_state=records[0].member_state,
        user=officer,
        note="Changed meanwhile.",
    )
    edited = data.decode("utf-8-sig").replace(",planning,", ",implemented,").encode()
    response = upload(client, officer, edited)
    assert response.status_code == 400
    assert "changed by officer1" in response.context["problems"][0]


def test_an_empty_or_foreign_file_is_refused(client, officer):
    assert upload(client, officer, b"").status_code == 400
    response = upload(client, officer, b"name,slug\nx,y\n")
    assert response.status_code == 400
    assert "Missing column" in response.context["problems"][0]
