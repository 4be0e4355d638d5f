"""One initiative: facts, partners, the timeline across meetings, updates, notes and history."""

from datetime import date

import pytest
from django.utils import timezone

from initiatives import services
from initiatives.models import Initiative, Meeting, Paragraph
from tests.factories import make_initiative, make_statement, mention, progress


def page(client, slug: str = "defa") -> str:
    response = client.get(f"/initiatives/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_quotes_the_paragraph_with_the_action_phrase_highlighted(client, officer, world):
    client.force_login(officer)
    body = page(client)
    assert "<mark>looked forward to the completion of study</mark>" in body
    assert "<strong>Digital Economy Framework Agreement (DEFA)</strong>" in body
    assert 'href="/meetings/adgmin-3/#p2"' in body


def test_it_shows_one_entry_per_meeting_in_date_order(client, officer, world):
    # A second paragraph of the same meeting joins the same entry, with the most advanced status.
    paragraph = Paragraph.objects.create(
        statement=world.statement, number=3, text="The Meeting endorsed the DEFA framework."
    )
    mention(
        world.meetings[2], world.focus, paragraph=paragraph, phrase="endorsed", status="adopted"
    )
    client.force_login(officer)
    timeline = client.get("/initiatives/defa/").context["timeline"]
    assert [e.meeting.short_name for e in timeline] == ["2nd ADGMIN", "3rd ADGMIN"]
    assert [e.status for e in timeline] == ["proposed", "adopted"]
    assert len(timeline[1].mentions) == 2
    assert timeline[1].change == "advanced"


def test_it_shows_the_defa_entry_of_the_3rd_adgmin_from_the_demo_statement(client, officer, demo):
    """As the importer records it: paragraph 9 of the stored 3rd ADGMIN statement."""
    meeting = Meeting.objects.get(series="ADGMIN", number=3)
    defa = Initiative.objects.get(acronym="DEFA")
    paragraph = Paragraph.objects.get(statement__meeting=meeting, number=9)
    services.mention_record(
        meeting=meeting,
        initiative=defa,
        paragraph=paragraph,
        phrase="looked forward to the completion of study",
        matched_text="Digital Economy Framework Agreement (DEFA)",
        status="preparing",
    )
    client.force_login(officer)
    response = client.get(defa.get_absolute_url())
    entry = next(e for e in response.context["timeline"] if e.meeting == meeting)
    assert entry.status == "preparing"
    body = response.content.decode()
    assert "<mark>looked forward to the completion of study</mark>" in body
    assert "3rd ADGMIN" in body and "Preparing" in body
    assert f'href="{meeting.get_absolute_url()}#p9"' in body


def test_it_lists_updates_and_country_notes_in_date_order_without_withdrawn_ones(
    client, officer, world
):
    progress(world.focus, date(2024, 5, 1), summary="Second officer update", author=officer)
    progress(world.focus, date(2024, 1, 1), summary="First officer update", author=None)
    progress(world.focus, date(2024, 3, 1), summary="Malaysia's note", member_state=world.malaysia)
    progress(world.focus, date(2024, 4, 1), summary="Withdrawn update", withdrawn_at=timezone.now())
    client.force_login(officer)
    response = client.get("/initiatives/defa/")
    assert [u.summary for u in response.context["progress_updates"]] == [
        "First officer update",
        "Second officer update",
    ]
    assert [u.summary for u in response.context["country_notes"]] == ["Malaysia's note"]
    assert "Withdrawn update" not in response.content.decode()


def test_it_shows_partners_with_roles_and_parent_and_children(client, officer, world):
    child = make_initiative("DEFA study", parent=world.focus, status="completed")
    client.force_login(officer)
    body = page(client)
    assert "Japan" in body and "Funder" in body and "Co-lead" in body
    assert child.get_absolute_url() in body
    child_page = page(client, child.slug)
    assert 'href="/initiatives/defa/"' in child_page


def test_it_shows_who_changed_what_and_when(client, officer, world):
    officer.first_name, officer.last_name = "Olive", "Officer"
    officer.save()
    focus = Initiative.objects.get(pk=world.focus.pk)
    focus.expected_text = "end of 2025"
    focus.lead_body = world.japan
    focus._history_user = officer
    focus.save()
    client.force_login(officer)
    history = client.get("/initiatives/defa/").context["history"]
    latest = history[0]
    assert latest.who == "Olive Officer"
    changes = {c.label: (c.before, c.after) for c in latest.changes}
    assert changes["Expected text"] == ("—", "end of 2025")
    assert changes["Lead body"] == (str(world.body), str(world.japan))
    assert history[-1].kind == "created"


def test_it_links_to_editing_only_for_those_who_may_edit(client, officer, focal_my, world):
    client.force_login(officer)
    body = page(client)
    assert 'href="/initiatives/defa/edit/"' in body
    assert 'href="/initiatives/defa/progress/new/"' in body
    client.force_login(focal_my)
    body = page(client)
    assert 'href="/initiatives/defa/edit/"' not in body
    assert 'href="/initiatives/defa/notes/new/"' in body


def test_it_offers_a_focal_point_the_edit_link_of_their_own_notes_only(
    client, focal_my, world, singapore
):
    mine = progress(world.focus, date(2024, 3, 1), summary="Ours", member_state=world.malaysia)
    theirs = progress(world.focus, date(2024, 3, 2), summary="Theirs", member_state=singapore)
    client.force_login(focal_my)
    body = page(client)
    assert f'href="/progress/{mine.pk}/edit/"' in body
    assert f'href="/progress/{theirs.pk}/edit/"' not in body


def test_it_answers_404_for_an_unknown_initiative(client, officer, world):
    client.force_login(officer)
    assert client.get("/initiatives/no-such-thing/").status_code == 404


def test_it_refuses_post(client, officer, world):
    client.force_login(officer)
    assert client.post("/initiatives/defa/").status_code == 405


def test_it_escapes_html_in_the_quoted_paragraph(client, officer, world):
    statement = make_statement(
        world.planned, ["The Meeting <script>alert(1)</script> endorsed the DEFA."]
    )
    mention(world.planned, world.focus, paragraph=statement.paragraphs.get(), phrase="endorsed")
    client.force_login(officer)
    body = page(client)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>endorsed</mark>" in body


@pytest.mark.parametrize("who", ["admin_user", "officer", "focal_my", "focal_sg"])
def test_it_is_readable_by_every_role(client, request, who, world):
    client.force_login(request.getfixturevalue(who))
    assert "Timeline across meetings" in page(client)
