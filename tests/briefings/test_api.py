"""GET /api/meetings/<slug>/briefing/ and its place in the OpenAPI schema."""

import pytest
import yaml

from briefings.api import BriefingPackSerializer, InitiativeBriefSerializer

pytestmark = pytest.mark.django_db


def test_it_answers_the_packs_content_as_json(client, record, focal_my):
    client.force_login(focal_my)
    response = client.get("/api/meetings/adgmin-7/briefing/?partner=japan")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert data["meeting"]["slug"] == "adgmin-7"
    assert data["filters"]["partner"] == "japan"
    assert {i["slug"] for i in data["initiatives"]} == {"japan-2025", "japan-2026"}
    assert data["silent"] == ["japan-2025"]
    assert set(data) == set(BriefingPackSerializer().fields)
    assert set(data["initiatives"][0]) == set(InitiativeBriefSerializer().fields)


def test_an_unknown_meeting_is_a_404(client, record, focal_my):
    client.force_login(focal_my)
    assert client.get("/api/meetings/adgmin-99/briefing/").status_code == 404


def test_the_schema_documents_the_endpoint_and_its_body(client, record, focal_my):
    client.force_login(focal_my)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    operation = schema["paths"]["/api/meetings/{slug}/briefing/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"slug", "kind", "partner", "changed"}
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"initiatives", "changes", "silent", "work_plans", "countries"} <= set(
        body["properties"]
    )
