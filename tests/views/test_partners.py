"""Partner list (filter by kind) and partner pages (roles, work plans, mentions, notes)."""

from datetime import date

from initiatives.models import Paragraph
from partners.models import Partner

from .factories import make_initiative, make_partner, mention, progress


def test_it_filters_partners_by_kind(client, officer, world):
    client.force_login(officer)
    response = client.get("/partners/?kind=member_state")
    names = {p.name for p in response.context["page"].object_list}
    assert names == {"Malaysia", "Singapore"}


def test_it_searches_partners_by_short_name(client, officer, world):
    client.force_login(officer)
    response = client.get("/partners/?q=ADGSOM")
    assert [p.name for p in response.context["page"].object_list] == [world.body.name]


def test_it_lists_nothing_for_an_unknown_kind(client, officer, world):
    client.force_login(officer)
    response = client.get("/partners/?kind=planet")
    assert list(response.context["page"].object_list) == []
    assert "Some filters are not valid" in response.content.decode()


def test_it_shows_a_partners_initiatives_with_their_role(client, officer, world):
    client.force_login(officer)
    body = client.get("/partners/japan/").content.decode()
    assert "Digital Economy Framework Agreement" in body and "Funder" in body


def test_it_groups_work_plans_by_year(client, officer, world):
    make_initiative(
        "ASEAN-Japan 2022 Work Plan", work_plan_partner=world.japan, work_plan_year=2022
    )
    make_initiative(
        "ASEAN-Japan 2023 Work Plan", work_plan_partner=world.japan, work_plan_year=2023
    )
    client.force_login(officer)
    plans = client.get("/partners/japan/").context["work_plans"]
    assert [(year, [p.name for p in items]) for year, items in plans.by_year] == [
        (2023, ["ASEAN-Japan 2023 Work Plan"]),
        (2022, ["ASEAN-Japan 2022 Work Plan"]),
    ]


def test_it_shows_mentions_over_time(client, officer, world):
    again = Paragraph.objects.create(
        statement=world.statement, number=3, text="The Meeting adopted the DEFA text."
    )
    mention(world.meetings[2], world.focus, paragraph=again, phrase="adopted", status="adopted")
    client.force_login(officer)
    entries = client.get("/partners/japan/").context["mentions_over_time"]
    assert [e.meeting.short_name for e in entries] == ["2nd ADGMIN", "3rd ADGMIN"]
    assert [m.initiative for m in entries[0].mentions] == [world.focus]
    assert entries[1].paragraphs == [2]  # "... with Malaysia and Japan."
    # Two paragraphs of one meeting: one line, with the most advanced status said.
    assert [(m.initiative, m.status) for m in entries[1].mentions] == [(world.focus, "adopted")]


def test_a_member_states_page_shows_its_notes_and_membership_date(client, focal_sg, world):
    timor = make_partner("Timor-Leste", "member_state", member_since=date(2025, 10, 26))
    progress(
        world.focus, date(2025, 11, 1), summary="Timor-Leste joined the talks", member_state=timor
    )
    client.force_login(focal_sg)
    response = client.get("/partners/timor-leste/")
    body = response.content.decode()
    assert "since 26 October 2025" in body
    assert "Timor-Leste joined the talks" in body
    founding = client.get("/partners/malaysia/").content.decode()
    assert "founding or early member" in founding


def test_a_dialogue_partners_page_has_no_country_notes(client, officer, world):
    client.force_login(officer)
    body = client.get("/partners/japan/").content.decode()
    assert "Country notes" not in body


def test_a_member_states_page_lists_items_naming_it(client, officer, world):
    named = make_initiative("ASEAN Data Week")
    mention(world.meetings[2], named, paragraph=world.statement.paragraphs.get(number=2))
    client.force_login(officer)
    items = client.get("/partners/malaysia/").context["named_items"]
    assert {i.initiative.name for i in items} == {named.name, world.focus.name}


def test_the_partner_pages_answer_404_405_and_redirect_anonymous(client, officer, world):
    assert client.get("/partners/").status_code == 302
    client.force_login(officer)
    assert client.get("/partners/atlantis/").status_code == 404
    assert client.post("/partners/").status_code == 405
    assert client.post("/partners/japan/").status_code == 405
    assert Partner.objects.filter(slug="japan").exists()
