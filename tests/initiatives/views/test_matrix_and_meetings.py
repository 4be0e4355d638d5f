"""The status matrix, the meeting pages and the comparison of a meeting with the previous one."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from initiatives import selectors
from tests.factories import make_initiative, make_meeting, make_statement, mention


@pytest.fixture
def series(world):
    """Initiatives that advance, regress, stay, fall silent, are new, or finish and go quiet."""
    m1, m2, m3 = world.meetings
    rows = {
        "Rising": [(m2, "proposed"), (m3, "adopted")],
        "Falling": [(m2, "implementing"), (m3, "stalled")],
        "Steady": [(m2, "adopted"), (m3, "")],  # a silent phrase carries "adopted" over
        "Quiet": [(m1, "preparing"), (m2, "preparing")],
        "Fresh": [(m3, "proposed")],
        "Done": [(m1, "completed")],
    }
    made = {}
    for name, cells in rows.items():
        initiative = make_initiative(name)
        for meeting, status in cells:
            mention(
                meeting,
                initiative,
                phrase=f"{name.lower()} phrase at {meeting.number}",
                status=status,
            )
        made[name] = initiative
    return made


def change_names(comparison, kind: str) -> list[str]:
    return [c.initiative.name for c in comparison.groups[kind]]


def test_it_compares_a_meeting_with_the_previous_one_of_its_series(series, world):
    comparison = selectors.meeting_comparison(world.meetings[2])
    assert comparison.previous == world.meetings[1]
    assert change_names(comparison, "advanced") == ["Digital Economy Framework Agreement", "Rising"]
    assert change_names(comparison, "regressed") == ["Falling"]
    assert change_names(comparison, "unchanged") == ["Steady"]
    assert change_names(comparison, "silent") == ["Quiet"]
    assert "Fresh" in change_names(comparison, "new")
    steady = comparison.groups["unchanged"][0]
    assert (steady.before, steady.after) == ("adopted", "adopted")


def test_it_treats_the_first_meeting_of_a_series_as_all_new(series, world):
    comparison = selectors.meeting_comparison(world.meetings[0])
    assert comparison.previous is None
    assert set(change_names(comparison, "new")) == {
        "ASEAN Digital Masterplan 2025",
        "Quiet",
        "Done",
    }


def test_it_lists_the_comparison_on_the_meeting_page(client, officer, series, world):
    client.force_login(officer)
    body = client.get("/meetings/adgmin-3/").content.decode()
    assert "Compared with the" in body and 'href="/meetings/adgmin-2/"' in body
    for label in ("New", "Advanced", "Unchanged", "Regressed", "Went silent"):
        assert label in body
    section = body.split('id="change-silent"')[1].split("</section>")[0]
    assert "Quiet" in section and "not mentioned" in section


def test_it_links_each_paragraph_mention_to_its_initiative(client, officer, world):
    client.force_login(officer)
    body = client.get("/meetings/adgmin-3/").content.decode()
    assert 'id="p2"' in body
    paragraph = body.split('id="p2"')[1].split("</div>")[0]
    assert 'href="/initiatives/defa/"' in paragraph
    assert "looked forward to the completion of study" in paragraph
    assert "Preparing" in paragraph


def test_it_lists_meetings_with_planned_ones_first(client, officer, world):
    client.force_login(officer)
    response = client.get("/meetings/")
    names = [m.short_name for m in response.context["meetings"]]
    assert names == ["4th ADGMIN", "3rd ADGMIN", "2nd ADGMIN", "1st ADGMIN"]
    assert "planned" in response.content.decode()


def test_it_shows_report_mentions_of_a_meeting_without_a_statement(client, officer, world):
    client.force_login(officer)
    body = client.get("/meetings/adgmin-1/").content.decode()
    assert "Mentions from public reports" in body
    assert "launched and adopted" in body


def test_the_meeting_pages_answer_404_and_405(client, officer, world):
    client.force_login(officer)
    assert client.get("/meetings/adgmin-99/").status_code == 404
    assert client.post("/meetings/").status_code == 405
    assert client.post("/meetings/adgmin-3/").status_code == 405


def test_the_matrix_shows_meetings_in_date_order_and_each_status_in_words(
    client, officer, series, world
):
    client.force_login(officer)
    response = client.get("/initiatives/matrix/")
    matrix = response.context["matrix"]
    assert [m.short_name for m in matrix.meetings] == ["1st ADGMIN", "2nd ADGMIN", "3rd ADGMIN"]
    rising = next(r for r in matrix.rows if r.initiative.name == "Rising")
    assert rising.cells[0] is None
    assert [c.status for c in rising.cells[1:]] == ["proposed", "adopted"]
    assert rising.cells[2].change == "advanced"
    body = response.content.decode()
    assert 'title="rising phrase at 3"' in body
    assert "Advanced" in body and "Regressed" in body
    assert "not mentioned" in body


def test_the_matrix_gives_the_phrase_to_keyboard_users(client, officer, series, world):
    client.force_login(officer)
    response = client.get("/initiatives/matrix/")
    rising = next(r for r in response.context["matrix"].rows if r.initiative.name == "Rising")
    tip = f"tip-{rising.initiative.pk}-{world.meetings[2].pk}"
    body = response.content.decode()
    # A focusable <summary> described by the tooltip that holds the phrase.
    assert f'aria-describedby="{tip}"' in body
    assert f'id="{tip}">rising phrase at 3</span>' in body


def test_the_matrix_shows_since_when_an_initiative_went_silent(client, officer, series, world):
    client.force_login(officer)
    rows = {r.initiative.name: r for r in client.get("/initiatives/matrix/").context["matrix"].rows}
    assert rows["Quiet"].silent_since == world.meetings[2]
    assert rows["Done"].silent_since is None  # completed: silence is expected
    assert rows["Rising"].silent_since is None
    assert rows["Steady"].cells[2].carried == "adopted"


def test_the_matrix_is_narrowed_by_the_list_filters(client, officer, series, world):
    client.force_login(officer)
    response = client.get("/initiatives/matrix/?status=stalled&status=adopted")
    names = {r.initiative.name for r in response.context["matrix"].rows}
    assert names == {"Falling", "Rising", "Steady"}


def test_the_matrix_gains_a_column_when_a_later_statement_is_imported(
    client, officer, series, world
):
    """As after importing the 4th ADGMIN statement: a new column, advances and silences."""
    client.force_login(officer)
    before = len(client.get("/initiatives/matrix/").context["matrix"].meetings)
    fifth = make_meeting("ADGMIN", 5, date(2025, 1, 16))
    statement = make_statement(
        fifth, ["The Meeting noted the on-going implementation of the Rising initiative."]
    )
    mention(
        fifth,
        series["Rising"],
        paragraph=statement.paragraphs.get(),
        phrase="noted the on-going implementation",
        status="implementing",
    )
    matrix = client.get("/initiatives/matrix/").context["matrix"]
    assert len(matrix.meetings) == before + 1
    assert matrix.meetings[-1] == fifth
    body = client.get("/meetings/adgmin-5/").content.decode()
    advanced = body.split('id="change-advanced"')[1].split("</section>")[0]
    silent = body.split('id="change-silent"')[1].split("</section>")[0]
    assert "Rising" in advanced
    assert "Falling" in silent and "Digital Economy Framework Agreement" in silent


def test_the_matrix_refuses_post(client, officer, world):
    client.force_login(officer)
    assert client.post("/initiatives/matrix/").status_code == 405


def test_the_matrix_is_not_shadowed_by_the_initiative_route(client, officer, world):
    client.force_login(officer)
    response = client.get("/initiatives/matrix/")
    assert response.status_code == 200
    assert "Status matrix" in response.content.decode()


def test_the_matrix_prints_without_navigation_or_filters(client, officer, world):
    client.force_login(officer)
    body = client.get("/initiatives/matrix/").content.decode()
    assert 'class="filter-panel card no-print"' in body
    css = Path(finders.find("css/tracker.css")).read_text(encoding="utf-8")
    print_rules = css.split("@media print")[1]
    assert "size: A4 landscape" in print_rules
    assert ".no-print" in print_rules and ".site-header nav" in print_rules


LATER_STATEMENT = """---
title: Joint Media Statement of the 4th ASEAN Digital Ministers' Meeting
date: 2024-02-01
---
1. The 4th ASEAN Digital Ministers' Meeting (ADGMIN) was held in Singapore on 1-2 February 2024.

2. The Meeting endorsed the Digital Economy Framework Agreement (DEFA) negotiating framework.

3. The Meeting welcomed the on-going implementation of the ASEAN Guide on AI Governance and
Ethics.
"""


def test_importing_the_next_statement_adds_a_column_and_lists_advances_and_silences(
    client, officer, demo, tmp_path
):
    """The real importer over the loaded record: the 4th ADGMIN, known from reports, gets its
    statement; its quotations join the column the reports made, read by the engine."""
    client.force_login(officer)
    before = client.get("/initiatives/matrix/").context["matrix"].meetings
    assert "4th ADGMIN" in [m.short_name for m in before]  # known from public reports
    path = tmp_path / "4th-adgmin.md"
    path.write_text(LATER_STATEMENT, encoding="utf-8")
    call_command("import_statement", str(path), "--confirm", stdout=StringIO())

    matrix = client.get("/initiatives/matrix/").context["matrix"]
    assert [m.short_name for m in matrix.meetings] == [m.short_name for m in before]
    column = [m.short_name for m in matrix.meetings].index("4th ADGMIN")
    guide = next(
        r for r in matrix.rows if r.initiative.name == "ASEAN Guide on AI Governance and Ethics"
    )
    # The statement's "on-going implementation" outranks the report's "endorsed" at that meeting.
    assert guide.cells[column].status == "implementing"
    defa = next(r for r in matrix.rows if r.initiative.acronym == "DEFA")
    # A negotiating framework endorsed: the agreement itself is still being prepared.
    assert defa.cells[column].holds == "preparing"
    body = client.get("/meetings/adgmin-4/").content.decode()
    advanced = body.split('id="change-advanced"')[1].split("</section>")[0]
    assert "ASEAN Guide on AI Governance and Ethics" in advanced


def test_the_matrix_shows_a_hundred_initiatives_a_page_and_keeps_the_filters(
    client, officer, world
):
    m1 = world.meetings[0]
    for i in range(105):
        mention(m1, make_initiative(f"Paged {i:03d}"), phrase="endorsed", status="adopted")
    client.force_login(officer)

    first = client.get("/initiatives/matrix/?q=Paged")
    second = client.get("/initiatives/matrix/?q=Paged&page=2")

    assert len(first.context["matrix"].rows) == 100
    assert len(second.context["matrix"].rows) == 5
    names = {r.initiative.name for r in first.context["matrix"].rows} | {
        r.initiative.name for r in second.context["matrix"].rows
    }
    assert names == {f"Paged {i:03d}" for i in range(105)}
    assert b"q=Paged&amp;page=2" in first.content


def test_a_long_change_group_shows_its_first_changes_and_links_to_all(
    client, officer, series, world, monkeypatch
):
    monkeypatch.setattr(selectors.meetings, "CHANGES_SHOWN", 1)
    client.force_login(officer)
    body = client.get("/meetings/adgmin-3/").content.decode()
    section = body.split('id="change-advanced"')[1].split("</section>")[0]
    assert "(2)" in section  # the count is of all of them
    assert "Digital Economy Framework Agreement" in section and "Rising" not in section
    assert 'href="/meetings/adgmin-3/changes/advanced/"' in section

    page = client.get("/meetings/adgmin-3/changes/advanced/")
    assert page.status_code == 200
    names = [change.initiative.name for change in page.context["changes"]]
    assert names == ["Digital Economy Framework Agreement", "Rising"]
    assert "2 initiatives" in page.content.decode()


def test_the_change_page_answers_404_for_an_unknown_kind_or_meeting(client, officer, world):
    client.force_login(officer)
    assert client.get("/meetings/adgmin-3/changes/sideways/").status_code == 404
    assert client.get("/meetings/adgmin-99/changes/new/").status_code == 404


def test_a_paragraph_naming_many_initiatives_lists_the_first_and_counts_the_rest(
    client, officer, series, world, monkeypatch
):
    monkeypatch.setattr(selectors.meetings, "MENTIONS_SHOWN", 1)
    m3 = world.meetings[2]
    paragraph = m3.statements.first().paragraphs.order_by("number").first()
    for initiative in series.values():
        mention(m3, initiative, paragraph=paragraph, phrase="welcomed")
    client.force_login(officer)
    meeting = client.get("/meetings/adgmin-3/").context["meeting"]
    paragraphs = [p for s in meeting.statements.all() for p in s.paragraphs.all()]
    crowded = next(p for p in paragraphs if p.pk == paragraph.pk)
    total = crowded.mentions.count()
    assert total > len(series)
    assert len(crowded.shown_mentions) == 1
    assert crowded.more_mentions == total - 1
    body = client.get("/meetings/adgmin-3/").content.decode()
    assert f"and {total - 1} more" in body and 'href="/initiatives/?meeting=adgmin-3"' in body


def test_names_and_phrases_on_the_meeting_page_are_escaped(client, officer, series, world):
    m3 = world.meetings[2]
    paragraph = m3.statements.first().paragraphs.order_by("number").first()
    odd = make_initiative("Plan <b>bold</b> & more")
    mention(m3, odd, paragraph=paragraph, phrase='welcomed "<i>it</i>"', status="adopted")
    client.force_login(officer)
    body = client.get("/meetings/adgmin-3/").content.decode()
    assert "<b>bold</b>" not in body and "<i>it</i>" not in body
    assert "Plan &lt;b&gt;bold&lt;/b&gt; &amp; more" in body
    section = body.split('id="change-new"')[1].split("</section>")[0]
    assert "Plan &lt;b&gt;bold&lt;/b&gt; &amp; more" in section  # the change list too
    chips = body.split(f'aria-label="Initiatives mentioned in paragraph {paragraph.number}"')[1]
    assert "welcomed &quot;&lt;i&gt;it&lt;/i&gt;&quot;" in chips.split("</ul>")[0]
