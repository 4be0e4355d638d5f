"""The dashboard: status chart, latest changes, stale, due dates, next meeting, updates."""

from datetime import date, timedelta

from django.test import override_settings

from initiatives.models import Initiative, Meeting
from tests.factories import make_initiative, make_statement, mention, progress


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_it_charts_initiatives_by_status_with_written_labels_and_counts(client, officer, world):
    make_initiative("Adopted one", status="adopted")
    make_initiative("Adopted two", status="adopted")
    client.force_login(officer)
    response = home(client)
    rows = {status: count for status, _, count in response.context["status_rows"]}
    assert rows["adopted"] == 2 and rows["preparing"] == 1 and rows["implementing"] == 1
    body = response.content.decode()
    svg = body.split("<svg")[1].split("</svg>")[0]
    assert 'aria-label="Adopted: 2 initiatives"' in svg
    assert ">Adopted</text>" in svg and ">2</text>" in svg
    assert 'href="/initiatives/?status=adopted"' in svg


def test_it_shows_what_the_latest_held_meeting_changed(client, officer, world):
    client.force_login(officer)
    response = home(client)
    comparison = response.context["comparison"]
    assert comparison.meeting == world.meetings[2]
    assert [c.initiative.pk for c in comparison.groups["advanced"]] == [world.focus.pk]
    # The masterplan was named at the 1st ADGMIN, not the 2nd: at the 3rd it returns.
    assert [c.initiative.pk for c in comparison.groups["returned"]] == [world.masterplan.pk]
    assert comparison.groups["returned"][0].last_seen == "1st ADGMIN"
    assert comparison.groups["new"] == []
    assert "What the" in response.content.decode()


@override_settings(STALE_AFTER_DAYS=60)
def test_it_lists_stale_initiatives_by_the_configured_age(client, officer, world):
    progress(world.focus, date.today() - timedelta(days=59), author=officer)
    progress(world.masterplan, date.today() - timedelta(days=61), author=officer)
    make_initiative("Completed long ago", status="completed")
    client.force_login(officer)
    response = home(client)
    stale = [i.name for i in response.context["stale"]]
    assert stale == [world.masterplan.name]
    assert "nothing heard for 60 days" in response.content.decode()


def test_it_lists_overdue_and_upcoming_expected_dates(client, officer, world):
    today = date.today()
    make_initiative("Late guide", expected_date=today - timedelta(days=5), status="preparing")
    make_initiative("Soon roadmap", expected_date=today + timedelta(days=20))
    make_initiative("Far plan", expected_date=today + timedelta(days=900))
    make_initiative("Done and late", expected_date=today - timedelta(days=5), status="completed")
    client.force_login(officer)
    response = home(client)
    assert [i.name for i in response.context["overdue"]] == ["Late guide"]
    assert [i.name for i in response.context["upcoming"]] == ["Soon roadmap"]


def test_the_dashboards_due_lists_lead_to_the_whole_list_filtered_the_same_way(
    client, officer, world
):
    today = date.today()
    for n in range(12):  # more than the dashboard shows
        make_initiative(f"Late guide {n}", expected_date=today - timedelta(days=5 + n))
    make_initiative("Soon roadmap", expected_date=today + timedelta(days=20))
    make_initiative("Far plan", expected_date=today + timedelta(days=900))
    client.force_login(officer)
    body = home(client).content.decode()
    assert len(home(client).context["overdue"]) == 10
    assert 'href="/initiatives/?due=overdue"' in body
    assert 'href="/initiatives/?due=soon"' in body

    overdue = client.get("/initiatives/", {"due": "overdue"})
    names = {i.name for i in overdue.context["initiatives"]}
    assert names == {f"Late guide {n}" for n in range(12)}
    assert ("Expected step", "Overdue") in overdue.context["filter"].active_filters
    soon = client.get("/initiatives/", {"due": "soon"})
    assert [i.name for i in soon.context["initiatives"]] == ["Soon roadmap"]
    unknown = client.get("/initiatives/", {"due": "someday"})
    assert list(unknown.context["initiatives"]) == []
    assert "someday is not one of the available choices" in unknown.content.decode()


def test_it_shows_the_next_planned_meeting(client, officer, world):
    client.force_login(officer)
    response = home(client)
    assert response.context["next_meeting"] == world.planned
    assert "January/February 2024" in response.content.decode()


def test_it_shows_recent_progress_updates_newest_first(client, officer, world):
    progress(world.focus, date(2024, 1, 1), summary="Older news", author=officer)
    progress(world.masterplan, date(2024, 6, 1), summary="Newer news", author=officer)
    progress(world.masterplan, date(2023, 6, 1), summary="By a deleted user", author=None)
    client.force_login(officer)
    body = home(client).content.decode()
    assert body.index("Newer news") < body.index("Older news") < body.index("By a deleted user")


def test_a_focal_point_sees_their_member_state_panel_first(client, focal_my, world, singapore):
    progress(
        world.focus, date(2024, 2, 1), summary="Malaysia ratified", member_state=world.malaysia
    )
    progress(world.focus, date(2024, 2, 2), summary="Singapore ratified", member_state=singapore)
    named = make_initiative("ASEAN Cyber Drill")
    statement = make_statement(
        world.planned, ["The Meeting thanked Malaysia for hosting the ASEAN Cyber Drill."]
    )
    mention(world.planned, named, paragraph=statement.paragraphs.get(), phrase="thanked")
    client.force_login(focal_my)
    response = home(client)
    body = response.content.decode()
    assert "Malaysia: your member state" in body
    assert body.index("Malaysia: your member state") < body.index("Initiatives by status")
    panel = body.split('class="card state-panel"')[1].split("</section>")[0]
    assert "Malaysia ratified" in panel and "Singapore ratified" not in panel
    items = {i.initiative.name: i.reasons for i in response.context["named_items"]}
    assert "co-lead" in items[world.focus.name]  # a partner role
    assert any("names it" in r for r in items["ASEAN Cyber Drill"])  # a paragraph naming it


def test_a_paragraph_naming_a_state_only_inside_another_word_does_not_count(
    client, focal_my, world
):
    statement = make_statement(world.planned, ["The Meeting thanked Malaysiana Ltd for its help."])
    mention(world.planned, make_initiative("Unrelated"), paragraph=statement.paragraphs.get())
    client.force_login(focal_my)
    names = {i.initiative.name for i in home(client).context["named_items"]}
    assert "Unrelated" not in names


def test_an_officer_sees_no_member_state_panel(client, officer, world):
    client.force_login(officer)
    response = home(client)
    assert response.context["member_state"] is None
    assert "your member state" not in response.content.decode()


def test_it_works_before_anything_is_recorded(client, officer):
    client.force_login(officer)
    body = home(client).content.decode()
    assert "No meeting has been recorded yet." in body
    assert "No meeting is planned." in body
    assert not Initiative.objects.exists() and not Meeting.objects.exists()


def test_it_refuses_post_and_anonymous_visitors(client, officer, world):
    assert client.get("/").status_code == 302
    client.force_login(officer)
    assert client.post("/").status_code == 405


def test_the_meetings_it_names_come_from_what_is_recorded_and_dated(world):
    from initiatives import selectors
    from tests.factories import make_meeting

    today = date(2023, 12, 1)
    # Held later but with nothing recorded: not the latest held meeting.
    make_meeting("ADGMIN", 9, date(2023, 6, 1))
    # Planned without a date: after the dated planned meeting.
    make_meeting("ADGMIN", 5, None, is_planned=True)
    glance = selectors.meetings_at_a_glance(today)
    assert glance.latest_held == world.meetings[2]
    assert glance.previous == world.meetings[1]
    assert glance.next_planned == world.planned
    world.planned.delete()
    assert selectors.meetings_at_a_glance(today).next_planned.number == 5
