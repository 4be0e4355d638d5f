"""Partner list (filter by kind) and partner pages (roles, work plans, mentions, notes)."""

from datetime import date

from initiatives.models import Paragraph
from partners.models import Partner
from tests.factories import make_initiative, make_partner, mention, progress


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


def test_long_sections_list_their_first_rows_with_the_count_and_a_link(
    client, officer, world, monkeypatch
):
    from initiatives.selectors import partners as selectors

    for n in range(3):
        make_initiative(f"Japan-led item {n}", lead_body=world.japan)
    for role, name in (("implementer", "Zeta Programme"), ("supporter", "Alpha Programme")):
        world.japan.initiative_roles.create(initiative=make_initiative(name), role=role)
    monkeypatch.setattr(selectors.partner_roles, "__kwdefaults__", {"limit": 1})
    monkeypatch.setattr(selectors.led_initiatives, "__kwdefaults__", {"limit": 1})
    client.force_login(officer)
    response = client.get("/partners/japan/")
    roles, led = response.context["roles"], response.context["led"]
    assert (len(roles), len(led), led.total) == (1, 1, 3)
    assert roles.total == world.japan.initiative_roles.count() > 1
    assert [r.initiative.name for r in roles] == ["Alpha Programme"]
    body = response.content.decode()
    assert f"Showing the first 1 of {roles.total} roles" in body
    assert 'href="/initiatives/?partner=japan"' in body
    assert "Showing the first 1 of the 3 initiatives Japan leads" in body
    assert 'href="/initiatives/?lead=japan"' in body
    # The links list what the sections count.
    listed = client.get("/initiatives/?lead=japan").context["page"].paginator.count
    assert listed == 3
    with_role = client.get("/initiatives/?partner=japan").context["page"].paginator.count
    assert with_role == len({r.initiative_id for r in world.japan.initiative_roles.all()})


def test_a_short_section_has_no_count_or_link(client, officer, world):
    client.force_login(officer)
    body = client.get("/partners/japan/").content.decode()
    assert "Showing the first" not in body
    assert "?partner=japan" not in body


def test_mentions_over_time_list_the_first_initiatives_of_a_meeting_and_count_them(
    client, officer, world, monkeypatch
):
    from initiatives.selectors import partners as selectors

    meeting = world.meetings[2]
    extra = [make_initiative(f"Japan item {n}") for n in range(3)]
    for n, initiative in enumerate(extra, start=10):
        world.japan.initiative_roles.create(initiative=initiative, role="funder")
        paragraph = Paragraph.objects.create(statement=world.statement, number=n, text="Item.")
        mention(meeting, initiative, paragraph=paragraph, status="preparing")
    monkeypatch.setattr(
        selectors.partner_mentions_over_time,
        "__kwdefaults__",
        {"per_meeting": 2, "paragraphs_per_meeting": 20},
    )
    client.force_login(officer)
    response = client.get("/partners/japan/")
    entry = next(e for e in response.context["mentions_over_time"] if e.meeting == meeting)
    assert len(entry.mentions) == 2
    assert entry.mention_total == 4  # the focus initiative and the three items
    assert entry.more_mentions == 2
    body = response.content.decode()
    assert "and 2 more of its 4 initiatives mentioned there" in body
    assert f'href="/initiatives/?partner=japan&amp;meeting={meeting.slug}"' in body


def test_a_member_states_page_counts_its_notes_and_named_items_beyond_the_first(
    client, focal_my, world, monkeypatch
):
    from initiatives.selectors import partners as selectors

    for n in range(3):
        progress(
            world.focus, date(2024, 1, 1 + n), summary=f"Note {n}", member_state=world.malaysia
        )
        make_initiative(f"Malaysian item {n}", lead_body=world.malaysia)
    monkeypatch.setattr(selectors.country_notes, "__kwdefaults__", {"limit": 2})
    monkeypatch.setattr(selectors.named_initiatives, "__kwdefaults__", {"limit": 1})
    client.force_login(focal_my)
    response = client.get("/partners/malaysia/")
    notes, named = response.context["country_notes"], response.context["named_items"]
    assert [n.summary for n in notes][-2:] == ["Note 1", "Note 2"]  # the latest, newest last
    assert notes.total >= 3 and len(notes) == 2
    assert len(named) == 1 and named.total >= 4
    body = response.content.decode()
    assert f"Showing the latest 2 of {notes.total} notes" in body
    assert f"Showing the first 1 of {named.total} items" in body
    assert 'href="/initiatives/?lead=malaysia"' in body
