"""The head and body of the status matrix, written in Python rather than in the template language.

A page holds a hundred initiatives by every meeting, six thousand cells; through template tags
and includes they took most of the page's time. The markup is what the template used to write:
the badges are those of the status_badge and change_badge filters (tracking.py), and
every piece of text is escaped (as django.utils.html.escape does) before it is joined.
"""

from __future__ import annotations

from datetime import date
from html import escape

from django import template
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe

from ..models import Meeting
from ..selectors import Matrix, MatrixCell, MatrixRow
from ..status import status_label
from .tracking import CHANGE_SIGNS
from .tracking import change_badge_html as change_badge
from .tracking import status_badge_html as status_badge

register = template.Library()

EMPTY_CELL = '<td class="cell empty"><span class="visually-hidden">not mentioned</span></td>'


class MatrixWriter:
    """Writes one matrix. What cells share (a meeting, a status, a phrase) is escaped once."""

    def __init__(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.columns = [(str(m.pk), escape(m.short_name)) for m in matrix.meetings]
        self.texts: dict[str, str] = {}
        self.months: dict[tuple[int, int], str] = {}
        self.silences: dict[int, str] = {}

    def text(self, value: str) -> str:
        """`value` escaped; phrases and labels repeat from cell to cell."""
        escaped = self.texts.get(value)
        if escaped is None:
            escaped = self.texts[value] = escape(value)
        return escaped

    def meeting_link(self, meeting: Meeting) -> str:
        """Name, link and month of a meeting, as a column head and a "silent since" show it."""
        url = self.matrix.meeting_urls.get(meeting.pk) or meeting.get_absolute_url()
        return (
            f'<a href="{escape(url)}">{escape(meeting.short_name)}</a>'
            f"<br><small>{self.month(meeting.start_date)}</small>"
        )

    def month(self, day: date | None) -> str:
        """As the date filter writes "M Y": Jan 2024."""
        if day is None:
            return ""
        key = (day.year, day.month)
        if key not in self.months:
            self.months[key] = escape(f"{MONTHS_3[day.month].title()} {day.year:04d}")
        return self.months[key]

    def head(self) -> str:
        # The newest meeting's column is the one the page opens on (static/js/tracker.js).
        last = len(self.matrix.meetings) - 1
        newest = ' class="newest"'
        return "\n".join(
            f'<th scope="col"{newest if index == last else ""}>{self.meeting_link(m)}</th>'
            for index, m in enumerate(self.matrix.meetings)
        )

    def body(self) -> str:
        return "\n".join(self.row(row) for row in self.matrix.rows)

    def row(self, row: MatrixRow) -> str:
        initiative = row.initiative
        pk = str(initiative.pk)
        columns = self.columns
        cells = "\n".join(
            [
                EMPTY_CELL if cell is None else self.cell(cell, pk, *columns[index])
                for index, cell in enumerate(row.cells)
            ]
        )
        url = row.url or initiative.get_absolute_url()
        return (
            f'<tr>\n<th scope="row">{self.name_link(initiative, url)}</th>\n'
            f'{cells}\n<td class="silent">{self.silence(row.silent_since)}</td>\n</tr>'
        )

    @staticmethod
    def name_link(initiative, url: str) -> str:
        """The row's name; with an acronym, the stylesheet shows only the acronym on a phone
        (the full name stays the link's text for screen readers, and its title on touch)."""
        label = escape(initiative.label)
        if not initiative.acronym:
            return f'<a href="{escape(url)}">{label}</a>'
        return (
            f'<a href="{escape(url)}" title="{label}"><span class="name-full">{label}</span>'
            f'<span class="name-short" aria-hidden="true">{escape(initiative.acronym)}</span></a>'
        )

    def cell(self, cell: MatrixCell, row_pk: str, meeting_pk: str, meeting_name: str) -> str:
        phrases = self.text(cell.phrases)
        tip = f"tip-{row_pk}-{meeting_pk}"
        classes, moved, notes = "cell", "", ""
        if cell.change:
            kind = cell.change
            classes = f"cell moved moved-{self.text(kind)}"
            moved = f"<br>{change_badge(kind)}\n"
            label = CHANGE_SIGNS.get(kind, ("", kind))[1]
            notes += f"<p>{self.text(label)} from {self.text(cell.previous_label)}.</p>\n"
        if cell.carried:
            notes += f"<p>Status carried over: {self.text(cell.carried_label)}.</p>\n"
        elif cell.holds and cell.holds != cell.status:
            held = self.text(status_label(cell.holds))
            notes += f"<p>With the other meetings of that day, the status is {held}.</p>\n"
        return (
            f'<td class="{classes}">\n<details class="cell-details">\n'
            f'<summary title="{phrases}" aria-describedby="{tip}">\n{status_badge(cell.status)}\n'
            f'{moved}<span class="visually-hidden"> at the {meeting_name}</span>\n</summary>\n'
            f'<div class="cell-body">\n<p>“{phrases}”</p>\n{notes}'
            f'<p><a href="{escape(cell.link)}">Read the paragraph</a></p>\n</div>\n</details>\n'
            f'<span class="tip" role="tooltip" id="{tip}">{phrases}</span>\n</td>'
        )

    def silence(self, meeting: Meeting | None) -> str:
        """Since which meeting the initiative has not been mentioned."""
        if meeting is None:
            return ""
        if meeting.pk not in self.silences:
            self.silences[meeting.pk] = (
                f'<span aria-hidden="true">…</span> {self.meeting_link(meeting)}'
            )
        return self.silences[meeting.pk]


@register.simple_tag
def matrix_head(matrix: Matrix) -> SafeString:
    """A column head (<th>) per meeting: its name, linked, and its month."""
    return mark_safe(MatrixWriter(matrix).head())


@register.simple_tag
def matrix_body(matrix: Matrix) -> SafeString:
    """A <tr> per initiative: a cell per meeting, then since when it has been silent."""
    return mark_safe(MatrixWriter(matrix).body())
