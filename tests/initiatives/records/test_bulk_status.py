"""Bulk status change: one status, one reason, several initiatives, all or nothing."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative, ProgressUpdate


@pytest.fixture
def three(initiative):
    others = [
        Initiative.objects.create(name=f"Work Plan {year}", slug=f"wp-{year}")
        for year in (2023, 2024)
    ]
    return [initiative, *others]


def test_an_officer_changes_the_status_of_several_initiatives(client, officer, three):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:bulk_status"),
        {
            "initiatives": [i.pk for i in three],
            "status": "stalled",
            "date": "2024-06-01",
            "summary": "No working-group meeting since 2023.",
            "evidence_url": "https://asean.org/report",
        },
    )
    assert response.status_code == 302
    for initiative in three:
        initiative.refresh_from_db()
        assert initiative.status == "stalled"
        update = initiative.progress_updates.get()
        assert update.summary == "No working-group meeting since 2023."
        assert update.evidence_url == "https://asean.org/report" and update.author == officer


def test_the_form_preselects_initiatives_passed_in_the_query(client, officer, three):
    client.force_login(officer)
    url = reverse("initiatives:bulk_status") + f"?initiatives={three[1].pk}"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    checked = [box["value"] for box in page.select("input[name=initiatives][checked]")]
    assert checked == [str(three[1].pk)]


def test_nothing_changes_when_one_of_them_fails(officer, three, monkeypatch):
    real = services.progress_update_create
    calls = []

    def fail_on_the_third(**kwargs):
        calls.append(kwargs["initiative"].pk)
        if len(calls) == 3:
            raise ValidationError("the database refused it")
        return real(**kwargs)

    # The bulk change calls the single write of its own module.
    monkeypatch.setattr(services.progress, "progress_update_create", fail_on_the_third)
    with pytest.raises(ValidationError):
        services.initiatives_bulk_set_status(
            initiative_ids=[i.pk for i in three],
            user=officer,
            status="completed",
            date=date(2024, 6, 1),
            summary="Done.",
        )
    assert len(calls) == 3
    assert not ProgressUpdate.objects.exists()
    assert Initiative.objects.get(pk=three[0].pk).status == "preparing"


def test_a_vanished_initiative_cancels_the_whole_change(officer, three):
    with pytest.raises(ValidationError, match="no longer exist"):
        services.initiatives_bulk_set_status(
            initiative_ids=[three[0].pk, 999_999],
            user=officer,
            status="completed",
            date=date(2024, 6, 1),
            summary="Done.",
        )
    assert not ProgressUpdate.objects.exists()


def test_a_reason_and_a_selection_are_required(client, officer, three):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:bulk_status"), {"status": "stalled", "date": "2024-06-01"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select at least one initiative" in page and "This field is required" in page
    assert not ProgressUpdate.objects.exists()


def test_focal_points_cannot_change_statuses_in_bulk(client, focal_my, three):
    client.force_login(focal_my)
    response = client.post(
        reverse("initiatives:bulk_status"),
        {"initiatives": [three[0].pk], "status": "completed", "date": "2024-06-01", "summary": "x"},
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
