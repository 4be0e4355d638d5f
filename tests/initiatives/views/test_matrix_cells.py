"""What each cell of the status matrix says, now that Python rather than includes writes them."""

import re

import pytest

from initiatives.choices import NO_STATUS_MEANING, STATUS_MEANINGS
from initiatives.status import CHANGE_MEANINGS
from tests.factories import make_initiative, mention

SIGNS = {"advanced": "▲", "regressed": "▼"}


def badge(template: str, **context) -> str:
    """The badge markup every page uses, written out here independently of the code: each
    badge carries its meaning (STATUS_MEANINGS, CHANGE_MEANINGS) as its title."""
    if template == "status_badge":
        status, label = context["status"], context["label"]
        title = f"{label}: {STATUS_MEANINGS[status].meaning}"
        return (
            f'<span class="status status-{status}" title="{title}"><span class="status-dot" '
            f'aria-hidden="true"></span>{label}</span>'
        )
    kind = context["kind"]
    title = f"{kind.capitalize()}: {CHANGE_MEANINGS[kind]}"
    return (
        f'<span class="change change-{kind}" title="{title}"><span class="change-sign" '
        f'aria-hidden="true">{SIGNS[kind]}</span> {kind.capitalize()}</span>'
    )


NO_STATUS = (
    f'<span class="status status-none" title="no status: {NO_STATUS_MEANING}">no status</span>'
)


def row_cells(body: str, label: str) -> tuple[str, list[str], str]:
    """The row heading, the cells (one per meeting) and the "silent since" cell of an initiative."""
    row = re.search(
        # The name ends the link, or (with an acronym) its full-name span.
        rf"<tr>\s*<th scope=\"row\">(.*?>{re.escape(label)}</(?:a|span)>.*?)</th>(.*?)</tr>",
        body,
        re.S,
    )
    assert row, f"no row for {label}"
    cells = re.findall(r'<td class="cell.*?</td>', row.group(2), re.S)
    silent = re.search(r'<td class="silent">(.*?)</td>', row.group(2), re.S).group(1)
    return row.group(1), cells, silent


@pytest.fixture
def matrix_body(client, officer, world):
    client.force_login(officer)

    def get(url: str = "/initiatives/matrix/") -> str:
        return client.get(url).content.decode()

    return get


def test_it_shows_status_change_phrase_and_paragraph_of_each_cell(matrix_body, world):
    heading, cells, silent = row_cells(matrix_body(), "Digital Economy Framework Agreement (DEFA)")
    assert 'href="/initiatives/defa/"' in heading
    # On a phone the stylesheet shows the acronym alone; the full name stays the link's text.
    assert '<span class="name-short" aria-hidden="true">DEFA</span></a>' in heading
    assert len(cells) == 3
    assert (
        cells[0] == '<td class="cell empty"><span class="visually-hidden">not mentioned</span></td>'
    )

    proposed = cells[1]
    assert proposed.startswith('<td class="cell">')
    assert badge("status_badge", status="proposed", label="Proposed") in proposed
    assert 'title="noted the proposal"' in proposed
    assert "<p>“noted the proposal”</p>" in proposed
    assert '<a href="/meetings/adgmin-2/">Read the paragraph</a>' in proposed  # no paragraph
    assert '<span class="visually-hidden"> at the 2nd ADGMIN</span>' in proposed
    assert "change-" not in proposed

    advanced = cells[2]
    tip = f"tip-{world.focus.pk}-{world.meetings[2].pk}"
    assert advanced.startswith('<td class="cell moved moved-advanced">')
    assert badge("status_badge", status="preparing", label="Preparing") in advanced
    assert f"<br>{badge('change_badge', kind='advanced')}" in advanced
    assert "<p>Advanced from Proposed.</p>" in advanced
    assert f'aria-describedby="{tip}"' in advanced
    assert f'id="{tip}">looked forward to the completion of study</span>' in advanced
    assert '<a href="/meetings/adgmin-3/#p2">Read the paragraph</a>' in advanced
    assert silent == ""  # mentioned at the latest held meeting


def test_it_shows_a_regression_a_carried_status_and_since_when_silent(matrix_body, world):
    m1, m2, m3 = world.meetings
    sliding = make_initiative("Sliding Plan")
    mention(m1, sliding, phrase="launched", status="implementing")
    mention(m2, sliding, phrase="")  # says no status: implementing carries over
    fading = make_initiative("Fading Study")
    mention(m1, fading, phrase="proposed a study", status="proposed")
    mention(m3, sliding, phrase="noted delays in", status="stalled")
    body = matrix_body()

    _, cells, silent = row_cells(body, "Sliding Plan")
    carried, regressed = cells[1], cells[2]
    assert NO_STATUS in carried
    assert "<p>Status carried over: Implementing.</p>" in carried
    assert 'title="named without an action phrase"' in carried
    assert regressed.startswith('<td class="cell moved moved-regressed">')
    assert badge("change_badge", kind="regressed") in regressed
    assert "<p>Regressed from Implementing.</p>" in regressed
    assert silent == ""

    _, cells, silent = row_cells(body, "Fading Study")
    assert [c.startswith('<td class="cell empty">') for c in cells] == [False, True, True]
    assert silent == (
        '<span aria-hidden="true">…</span> <a href="/meetings/adgmin-2/">2nd ADGMIN</a>'
        "<br><small>Jan 2022</small>"
    )


def test_it_escapes_names_and_phrases_and_links_the_first_paragraph(matrix_body, world):
    paragraphs = list(world.statement.paragraphs.order_by("number"))
    odd = make_initiative('Rules & "Tools" <Plan>')
    m3 = world.meetings[2]
    mention(m3, odd, paragraph=paragraphs[1], phrase='welcomed <b>"bold"</b>', status="adopted")
    mention(m3, odd, paragraph=paragraphs[0], phrase="noted", status="proposed")
    mention(m3, odd, phrase="noted", status="")  # from a report: no paragraph, sorts last
    body = matrix_body()

    assert "<b>" not in body and 'Tools" <Plan>' not in body
    heading, cells, _ = row_cells(body, "Rules &amp; &quot;Tools&quot; &lt;Plan&gt;")
    cell = cells[2]
    phrases = "noted; welcomed &lt;b&gt;&quot;bold&quot;&lt;/b&gt;"  # in paragraph order, once each
    assert f'title="{phrases}"' in cell and f">{phrases}</span>" in cell
    assert badge("status_badge", status="adopted", label="Adopted") in cell  # the furthest said
    assert '<a href="/meetings/adgmin-3/#p1">Read the paragraph</a>' in cell


def test_it_keeps_the_empty_message_when_no_initiative_matches(matrix_body, world):
    body = matrix_body("/initiatives/matrix/?q=nothing-matches-this")
    assert (
        '<td colspan="5">No initiative matches these filters. '
        '<a href="/initiatives/matrix/">Clear all filters</a></td>'
    ) in body
    assert 'href="/meetings/adgmin-3/">3rd ADGMIN</a><br><small>Feb 2023</small>' in body


def test_the_badge_filters_write_the_same_markup_as_every_page_uses():
    from django.template import Context, Template

    page = Template(
        "{% load tracking %}{{ 'adopted'|status_badge }}|{{ ''|status_badge }}|"
        "{{ 'regressed'|change_badge }}|{{ '<b>'|change_badge }}"
    ).render(Context())
    adopted, none, regressed, odd = page.split("|")
    assert adopted == (
        '<a class="status status-adopted" href="/help/#status-adopted" title="Adopted: '
        f'{STATUS_MEANINGS["adopted"].meaning}"><span class="status-dot" aria-hidden="true">'
        "</span>Adopted</a>"
    )  # linked to its meaning on the help page
    assert none == NO_STATUS.replace("<span", "<a", 1).replace(
        'class="status status-none"', 'class="status status-none" href="/help/#status-none"'
    ).replace("</span>", "</a>")
    assert regressed == badge("change_badge", kind="regressed")
    assert "<b>" not in odd and "&lt;b&gt;" in odd
