"""Two clients editing one record through the API: the stale save is a 409 that tells the client
who saved since the version it sent and what they changed; the form path checks too."""

from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives import services
from initiatives.models import Initiative, Meeting, ProgressUpdate
from tests.factories import make_user
from tracker import roles


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def other_officer(db):
    return make_user("officer2", roles.OFFICER, first_name="Dewi", last_name="Lestari")


@pytest.fixture
def initiative(admin_user):
    return services.initiative_create(user=admin_user, name="Data Management Framework")


def _editors(response) -> list[str]:
    return response.json()["changed_by"]


def test_a_stale_progress_update_is_refused_with_what_changed_since(
    initiative, officer, other_officer
):
    update = services.progress_update_create(
        initiative=initiative, user=officer, date=date(2025, 3, 1), summary="Drafting started."
    )
    first, second = client_for(officer), client_for(other_officer)
    url = f"/api/progress-updates/{update.pk}/"
    version = first.get(url).json()["version"]
    saved = second.patch(url, {"summary": "Draft circulated.", "version": version})
    assert saved.status_code == 200
    stale = first.patch(url, {"summary": "Drafting well under way.", "version": version})
    assert stale.status_code == 409
    assert _editors(stale) == ["Dewi Lestari"]
    assert [c["field"] for c in stale.json()["changes"]] == ["summary"]
    assert "Draft circulated." in ProgressUpdate.objects.get(pk=update.pk).summary


def test_a_stale_meeting_edit_is_refused_with_what_changed_since(db, officer, other_officer):
    meeting = services.meeting_create(user=officer, series="ADGMIN", number=5)
    first, second = client_for(officer), client_for(other_officer)
    url = f"/api/meetings/{meeting.slug}/"
    version = first.get(url).json()["version"]
    assert version
    saved = second.patch(url, {"venue": "Bangkok", "version": version})
    assert saved.status_code == 200 and saved.json()["version"] != version
    stale = first.patch(url, {"venue": "Hanoi", "version": version})
    assert stale.status_code == 409
    assert _editors(stale) == ["Dewi Lestari"]
    assert [c["field"] for c in stale.json()["changes"]] == ["venue"]
    assert Meeting.objects.get(pk=meeting.pk).venue == "Bangkok"


def test_an_initiatives_409_names_only_the_editors_since_the_version_sent(
    initiative, officer, other_officer
):
    url = f"/api/initiatives/{initiative.slug}/"
    first, second = client_for(officer), client_for(other_officer)
    # The admin created it and the officer edited it before the version the officer now reads.
    assert first.patch(url, {"description": "Phase one."}).status_code == 200
    version = first.get(url).json()["version"]
    assert second.patch(url, {"acronym": "DMF", "version": version}).status_code == 200
    stale = first.patch(url, {"description": "Phase two.", "version": version})
    assert stale.status_code == 409
    assert _editors(stale) == ["Dewi Lestari"]
    assert [c["field"] for c in stale.json()["changes"]] == ["acronym"]
    assert Initiative.objects.get(pk=initiative.pk).description == "Phase one."


def test_without_a_version_the_client_overwrites_as_documented(initiative, officer):
    update = services.progress_update_create(
        initiative=initiative, user=officer, date=date(2025, 3, 1), summary="Drafting started."
    )
    response = client_for(officer).patch(
        f"/api/progress-updates/{update.pk}/", {"summary": "Done."}
    )
    assert response.status_code == 200


def test_the_meeting_form_without_its_marker_is_refused(client, officer, other_officer):
    meeting = services.meeting_create(user=officer, series="ADGMIN", number=6, venue="Manila")
    services.meeting_update(
        meeting=meeting, user=other_officer, seen_history_id=None, venue="Hanoi"
    )
    client.force_login(officer)
    response = client.post(
        f"/meetings/{meeting.slug}/edit/", {"series": "ADGMIN", "number": 6, "venue": "Cebu"}
    )
    assert response.status_code in (200, 400, 409)
    assert Meeting.objects.get(pk=meeting.pk).venue == "Hanoi"
