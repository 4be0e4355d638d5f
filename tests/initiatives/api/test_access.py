"""Who may read and write through the API: the same rules as the pages."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from initiatives.models import Initiative, Mention, ProgressUpdate
from partners.models import Partner

LISTS = [
    "/api/partners/",
    "/api/meetings/",
    "/api/statements/",
    "/api/paragraphs/",
    "/api/initiatives/",
    "/api/outcomes/",
    "/api/mentions/",
    "/api/progress-updates/",
]


@pytest.fixture
def reader(db):
    """A signed-in user with no role at all."""
    return get_user_model().objects.create_user("reader", password="pw")


@pytest.mark.parametrize("url", LISTS)
def test_it_refuses_anonymous_requests_with_401(client, db, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_it_refuses_a_wrong_token(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/initiatives/").status_code == 401


@pytest.mark.parametrize("persona", ["admin_user", "officer", "focal_my", "reader"])
def test_it_lets_every_signed_in_role_read(api, demo, request, persona):
    client = api.as_user(request.getfixturevalue(persona))
    for url in LISTS:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] > 0 or url == "/api/progress-updates/", url


def test_it_reads_with_a_session_as_well_as_a_token(client, demo, focal_sg):
    client.force_login(focal_sg)
    response = client.get("/api/initiatives/defa/")
    assert response.status_code == 200
    assert response.json()["name"] == "Digital Economy Framework Agreement"


def test_it_shows_an_initiative_with_its_timeline_in_meeting_order(api, demo, officer):
    body = api.as_user(officer).get("/api/initiatives/adm-2025/").json()
    timeline = body["timeline"]
    assert timeline, "ADM 2025 is mentioned at every ADGMIN"
    dates = [entry["meeting_date"] for entry in timeline]
    assert dates == sorted(dates)
    assert {"meeting", "phrase", "status", "paragraph_number"} <= set(timeline[0])
    assert body["web_url"] == "/initiatives/adm-2025/"


def test_it_answers_404_for_an_unknown_slug(api, demo, officer):
    assert api.as_user(officer).get("/api/initiatives/no-such-thing/").status_code == 404


# ------------------------------------------------------------------------------
# Officers write tracking records
# ------------------------------------------------------------------------------
def test_it_lets_an_officer_create_an_initiative_with_partners(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/initiatives/",
        {
            "name": "ASEAN Quantum Readiness Roadmap",
            "acronym": "AQRR",
            "kind": "roadmap",
            "period_start": 2025,
            "period_end": 2030,
            "lead_body": "adgsom",
            "partners": [{"partner": "japan", "role": "funder"}],
            "aliases": ["Quantum Roadmap"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = Initiative.objects.get(name="ASEAN Quantum Readiness Roadmap")
    assert created.slug == "aqrr"
    assert created.lead_body.slug == "adgsom"
    assert created.alias_list == ["Quantum Roadmap"]
    assert [(r.partner.slug, r.role) for r in created.partner_roles.all()] == [("japan", "funder")]
    assert response.json()["partners"] == [{"partner": "japan", "role": "funder"}]
    # The history records who made the change, even with a token and no session.
    assert created.history.latest().history_user == officer


def test_it_bumps_the_version_and_keeps_history_on_an_edit(api, demo, officer):
    before = Initiative.objects.get(slug="defa")
    response = api.as_user(officer).patch(
        "/api/initiatives/defa/", {"description": "Negotiations"}, format="json"
    )
    assert response.status_code == 200, response.content
    after = Initiative.objects.get(slug="defa")
    assert after.description == "Negotiations"
    assert after.version == before.version + 1
    assert response.json()["description"] == "Negotiations"
    assert after.history.first().history_user == officer


def test_it_refuses_to_set_the_status_of_an_initiative_directly(api, demo, officer):
    before = Initiative.objects.get(slug="defa").status
    response = api.as_user(officer).patch(
        "/api/initiatives/defa/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 200
    assert Initiative.objects.get(slug="defa").status == before


def test_it_rejects_an_initiative_period_that_ends_before_it_starts(api, demo, officer):
    response = api.as_user(officer).patch(
        "/api/initiatives/defa/", {"period_start": 2030, "period_end": 2020}, format="json"
    )
    assert response.status_code == 400
    assert "period_end" in response.json()


def test_it_rejects_an_initiative_as_its_own_ancestor(api, demo, officer):
    client = api.as_user(officer)
    child = Initiative.objects.filter(parent__isnull=False).select_related("parent").first()
    response = client.patch(
        f"/api/initiatives/{child.parent.slug}/", {"parent": child.slug}, format="json"
    )
    assert response.status_code == 400
    assert "parent" in response.json()


def test_a_mention_moves_the_status_of_its_initiative(api, demo, officer):
    client = api.as_user(officer)
    response = client.post(
        "/api/mentions/",
        {
            # The 6th ADGMIN's reports do not name the AI Safety Network: an officer adds it.
            "meeting": "adgmin-6",
            "initiative": "asean-ai-safety-network",
            "phrase": "noted the completion",
            "status": "completed",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert {"evidence", "publisher", "confidence", "replaced_by"} <= set(response.json())
    assert Initiative.objects.get(slug="asean-ai-safety-network").status == "completed"

    mention_id = response.json()["id"]
    assert client.delete(f"/api/mentions/{mention_id}/").status_code == 204
    assert not Mention.objects.filter(pk=mention_id).exists()
    assert Initiative.objects.get(slug="asean-ai-safety-network").status != "completed"


def test_it_refuses_a_paragraph_of_another_meeting(api, demo, officer):
    paragraph = api.as_user(officer).get("/api/paragraphs/?meeting=adgmin-3").json()["results"][0]
    response = api.post(
        "/api/mentions/",
        {"meeting": "adgmin-1", "initiative": "defa", "paragraph": paragraph["id"]},
        format="json",
    )
    assert response.status_code == 400
    assert "paragraph" in response.json()


def test_it_answers_409_when_a_partner_in_use_is_deleted(api, demo, officer):
    response = api.as_user(officer).delete("/api/partners/philippines/")
    assert response.status_code == 409
    assert Partner.objects.filter(slug="philippines").exists()


def test_it_lets_an_officer_store_a_statement_with_paragraphs(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/statements/",
        {
            "meeting": "adgmin-2",
            "kind": "joint_media_statement",
            "text": "1. The Meeting endorsed it.\n2. The Meeting noted it.",
            "paragraphs": [
                {"number": 1, "section": "", "text": "The Meeting endorsed it."},
                {"number": 2, "section": "", "text": "The Meeting noted it."},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["number"] for p in body["paragraphs"]] == [1, 2]
    assert body["imported_by"] == "officer1"
    assert len(body["checksum"]) == 64


def test_it_refuses_statements_with_repeated_paragraph_numbers(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/statements/",
        {
            "meeting": "adgmin-2",
            "text": "x",
            "paragraphs": [{"number": 1, "text": "a"}, {"number": 1, "text": "b"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "paragraphs" in response.json()


def test_it_has_no_edit_of_a_stored_statement(api, demo, officer):
    statement = api.as_user(officer).get("/api/statements/").json()["results"][0]
    response = api.patch(f"/api/statements/{statement['id']}/", {"title": "x"}, format="json")
    assert response.status_code == 405


def test_it_refuses_a_wrong_method_on_a_read_only_endpoint(api, demo, officer):
    assert api.as_user(officer).post("/api/outcomes/", {}, format="json").status_code == 405


# ------------------------------------------------------------------------------
# Focal points write only their own country notes; others nothing
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["focal_my", "reader"])
@pytest.mark.parametrize(
    "method,url,data",
    [
        ("post", "/api/initiatives/", {"name": "X", "kind": "other"}),
        ("patch", "/api/initiatives/defa/", {"description": "changed"}),
        ("delete", "/api/initiatives/defa/", None),
        ("post", "/api/partners/", {"name": "X", "kind": "other"}),
        ("patch", "/api/meetings/adgmin-3/", {"theme": "changed"}),
        ("post", "/api/mentions/", {"meeting": "adgmin-3", "initiative": "defa"}),
    ],
)
def test_it_refuses_tracking_writes_to_others_with_403(
    api, demo, request, persona, method, url, data
):
    user = request.getfixturevalue(persona)
    before = Initiative.objects.get(slug="defa").description
    response = getattr(api.as_user(user), method)(url, data, format="json")
    assert response.status_code == 403
    assert "officers" in response.json()["detail"]
    assert Initiative.objects.get(slug="defa").description == before


def test_a_focal_point_adds_a_country_note_for_their_state(api, demo, focal_my):
    response = api.as_user(focal_my).post(
        "/api/progress-updates/",
        {"initiative": "defa", "date": "2024-05-01", "summary": "Malaysia ratified."},
        format="json",
    )
    assert response.status_code == 201, response.content
    note = ProgressUpdate.objects.get(pk=response.json()["id"])
    assert note.member_state.slug == "malaysia"
    assert note.author == focal_my
    assert response.json()["is_country_note"] is True


def test_a_focal_point_cannot_write_for_another_state(api, demo, focal_my):
    before = ProgressUpdate.objects.count()
    response = api.as_user(focal_my).post(
        "/api/progress-updates/",
        {
            "initiative": "defa",
            "date": "2024-05-01",
            "summary": "Singapore ratified.",
            "member_state": "singapore",
        },
        format="json",
    )
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == before


def test_a_focal_point_cannot_set_a_status(api, demo, focal_my):
    response = api.as_user(focal_my).post(
        "/api/progress-updates/",
        {"initiative": "defa", "date": "2024-05-01", "summary": "Done", "status": "completed"},
        format="json",
    )
    assert response.status_code == 403
    assert Initiative.objects.get(slug="defa").status != "completed"


def test_a_focal_point_edits_only_their_own_notes(api, demo, focal_my, focal_sg):
    malaysia, singapore = (
        Partner.objects.get(slug="malaysia"),
        Partner.objects.get(slug="singapore"),
    )
    defa = Initiative.objects.get(slug="defa")
    own = ProgressUpdate.objects.create(
        initiative=defa,
        date=date(2024, 1, 1),
        summary="ours",
        member_state=malaysia,
        author=focal_my,
    )
    theirs = ProgressUpdate.objects.create(
        initiative=defa, date=date(2024, 1, 1), summary="theirs", member_state=singapore
    )
    official = ProgressUpdate.objects.create(initiative=defa, date=date(2024, 1, 1), summary="x")
    client = api.as_user(focal_my)
    assert (
        client.patch(f"/api/progress-updates/{own.pk}/", {"summary": "ours, revised"}).status_code
        == 200
    )
    assert client.patch(f"/api/progress-updates/{theirs.pk}/", {"summary": "y"}).status_code == 403
    assert (
        client.patch(f"/api/progress-updates/{official.pk}/", {"summary": "y"}).status_code == 403
    )
    # Moving their own note to another state is refused too.
    moved = client.patch(f"/api/progress-updates/{own.pk}/", {"member_state": "singapore"})
    assert moved.status_code == 403
    # Updates are withdrawn, never deleted, as on the pages.
    assert client.delete(f"/api/progress-updates/{own.pk}/").status_code == 405
    assert client.post(f"/api/progress-updates/{theirs.pk}/withdraw/").status_code == 403
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert (own.summary, own.member_state, theirs.summary) == ("ours, revised", malaysia, "theirs")


def test_an_officer_records_a_progress_update_that_moves_the_status(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/progress-updates/",
        {
            "initiative": "defa",
            "date": "2026-06-01",  # after the 6th ADGMIN, the latest meeting
            "summary": "Signed",
            "status": "adopted",
            "percent_complete": 100,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Initiative.objects.get(slug="defa").status == "adopted"


def test_it_rejects_a_percentage_above_100(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/progress-updates/",
        {"initiative": "defa", "date": "2024-01-01", "summary": "x", "percent_complete": 101},
        format="json",
    )
    assert response.status_code == 400
    assert "percent_complete" in response.json()


def test_a_focal_point_withdraws_their_note_and_it_stays_on_record(api, demo, focal_my):
    note = ProgressUpdate.objects.create(
        initiative=Initiative.objects.get(slug="defa"),
        date=date(2024, 1, 1),
        summary="ours",
        member_state=Partner.objects.get(slug="malaysia"),
    )
    client = api.as_user(focal_my)
    response = client.post(f"/api/progress-updates/{note.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["withdrawn_at"]
    # Withdrawn is final: a second withdrawal or an edit is refused.
    assert client.post(f"/api/progress-updates/{note.pk}/withdraw/").status_code == 403
    assert client.patch(f"/api/progress-updates/{note.pk}/", {"summary": "x"}).status_code == 403
    listed = client.get("/api/progress-updates/?withdrawn=true").json()["results"]
    assert [row["id"] for row in listed] == [note.pk]


def test_it_refuses_a_progress_update_dated_in_the_future(api, demo, officer):
    response = api.as_user(officer).post(
        "/api/progress-updates/",
        {"initiative": "defa", "date": "2999-01-01", "summary": "Later", "status": "adopted"},
        format="json",
    )
    assert response.status_code == 400
    assert "date" in response.json()


def test_it_refuses_moving_an_update_to_another_initiative(api, demo, officer):
    update = ProgressUpdate.objects.create(
        initiative=Initiative.objects.get(slug="defa"), date=date(2024, 1, 1), summary="x"
    )
    response = api.as_user(officer).patch(
        f"/api/progress-updates/{update.pk}/", {"initiative": "adm-2025"}, format="json"
    )
    assert response.status_code == 400
    assert "initiative" in response.json()


def test_a_stale_version_is_refused_with_409_and_nothing_is_saved(api, demo, officer):
    client = api.as_user(officer)
    read = client.get("/api/initiatives/defa/").json()
    assert client.patch("/api/initiatives/defa/", {"description": "first"}).status_code == 200
    late = client.patch(
        "/api/initiatives/defa/", {"description": "second", "version": read["version"]}
    )
    assert late.status_code == 409
    assert "changed" in late.json()["detail"]
    assert Initiative.objects.get(slug="defa").description == "first"


def test_it_keeps_the_slug_when_an_initiative_is_renamed(api, demo, officer):
    response = api.as_user(officer).patch(
        "/api/initiatives/defa/", {"name": "ASEAN DEFA", "slug": "other"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["name"]) == ("defa", "ASEAN DEFA")
    assert "Digital Economy Framework Agreement" in body["aliases"]


def test_the_withdraw_action_answers_with_a_format_suffix(api, demo, officer):
    update = ProgressUpdate.objects.create(
        initiative=Initiative.objects.get(slug="defa"),
        date=date(2024, 1, 1),
        summary="x",
        author=officer,
    )
    response = api.as_user(officer).post(f"/api/progress-updates/{update.pk}/withdraw.json")
    assert response.status_code == 200
    assert response.json()["withdrawn_at"]
