"""/api/implementation-records/: filters, who writes what, verification, version conflicts."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from implementation import services

from .conftest import record

pytestmark = pytest.mark.django_db
URL = "/api/implementation-records/"


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return as_user


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_it_filters_by_state_initiative_stage_and_verification(
    api, officer, malaysia, singapore, mccs, ai_guide
):
    a = record(mccs, malaysia, stage="implemented")
    b = record(mccs, singapore, stage="planning")
    c = record(ai_guide, malaysia, stage="planning")
    services.implementation_record_verify(record=c, user=officer)
    client = api(officer)
    assert ids(client.get(URL, {"state": "malaysia"})) == {a.pk, c.pk}
    assert ids(client.get(URL, {"initiative": "mccs"})) == {a.pk, b.pk}
    assert ids(client.get(URL, {"stage": "planning"})) == {b.pk, c.pk}
    assert ids(client.get(URL, {"verification": "verified"})) == {c.pk}
    assert client.get(URL, {"stage": "bogus"}).status_code == 400


def test_a_focal_point_creates_their_own_states_record(api, focal_my, malaysia, mccs):
    response = api(focal_my).post(
        URL, {"initiative": "mccs", "stage": "planning", "as_of": "2026-02-01"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["member_state"] == "malaysia"
    assert response.json()["verification"] == "unverified"


def test_a_focal_point_writing_another_state_is_a_403_and_nothing_changes(
    api, focal_sg, malaysia, mccs
):
    existing = record(mccs, malaysia, stage="planning")
    client = api(focal_sg)
    created = client.post(
        URL,
        {
            "initiative": "mccs",
            "member_state": "malaysia",
            "stage": "implemented",
            "as_of": "2026-02-01",
        },
        format="json",
    )
    changed = client.patch(f"{URL}{existing.pk}/", {"stage": "implemented"}, format="json")
    assert (created.status_code, changed.status_code) == (403, 403)
    existing.refresh_from_db()
    assert existing.stage == "planning"


def test_only_officers_verify_and_a_focal_change_unverifies(api, officer, focal_my, malaysia, mccs):
    existing = record(mccs, malaysia)
    refused = api(focal_my).patch(
        f"{URL}{existing.pk}/", {"verification": "verified"}, format="json"
    )
    assert refused.status_code == 403
    verified = api(officer).patch(
        f"{URL}{existing.pk}/", {"verification": "verified"}, format="json"
    )
    assert verified.json()["verification"] == "verified"
    assert verified.json()["verified_by"] == "officer1"
    changed = api(focal_my).patch(
        f"{URL}{existing.pk}/",
        {"stage": "implemented", "version": verified.json()["version"]},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["verification"] == "unverified"


def test_a_query_through_the_api_needs_a_reason(api, officer, malaysia, mccs):
    existing = record(mccs, malaysia)
    client = api(officer)
    assert (
        client.patch(f"{URL}{existing.pk}/", {"verification": "queried"}, format="json").status_code
        == 400
    )
    response = client.patch(
        f"{URL}{existing.pk}/",
        {"verification": "queried", "query_reason": "Which decree?"},
        format="json",
    )
    assert response.json()["query_reason"] == "Which decree?"


def test_a_stale_version_is_a_409_with_what_changed(api, officer, focal_my, malaysia, mccs):
    existing = record(mccs, malaysia, stage="planning")
    read = api(focal_my).get(f"{URL}{existing.pk}/").json()
    api(officer).patch(f"{URL}{existing.pk}/", {"stage": "implemented"}, format="json")
    response = api(focal_my).patch(
        f"{URL}{existing.pk}/",
        {"stage": "in_progress", "version": read["version"]},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["changed_by"] == ["officer1"]
    existing.refresh_from_db()
    assert existing.stage == "implemented"


def test_a_duplicate_create_is_a_conflict(api, officer, malaysia, mccs):
    record(mccs, malaysia)
    response = api(officer).post(
        URL,
        {
            "initiative": "mccs",
            "member_state": "malaysia",
            "stage": "planning",
            "as_of": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 409


def test_the_list_reads_a_fixed_number_of_queries(
    api, officer, malaysia, singapore, mccs, ai_guide, django_assert_max_num_queries
):
    for initiative in (mccs, ai_guide):
        for state in (malaysia, singapore):
            record(initiative, state)
    client = api(officer)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
