"""The comparison kinds in the API: the same words and statuses as the meeting page."""


def test_it_lists_what_a_meeting_changed_with_the_engine_s_words(client, officer, world):
    client.force_login(officer)
    response = client.get("/api/meetings/adgmin-3/changes/")
    assert response.status_code == 200
    data = response.json()
    assert data["meeting"] == "adgmin-3" and data["previous"] == "adgmin-2"
    by_slug = {c["initiative"]: c for c in data["changes"]}
    assert by_slug[world.focus.slug]["kind"] == "advanced"
    assert (by_slug[world.focus.slug]["before"], by_slug[world.focus.slug]["after"]) == (
        "proposed",
        "preparing",
    )
    returned = by_slug[world.masterplan.slug]
    assert returned["kind"] == "returned" and returned["last_seen"] == "1st ADGMIN"


def test_it_is_not_for_anonymous_users(client, world):
    assert client.get("/api/meetings/adgmin-3/changes/").status_code == 401
