"""The grid's body written in Python: one include per cell costs a template render per cell,
and a page of 50 initiatives by 11 states is 550 of them (the benchmark measured the grid at 1.3
times the admin changelist before this). The HTML is the same the templates wrote."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from initiatives.templatetags.tracking import status_badge_html

from ..models import ImplementationRecord, record_url
from ..selectors import Cell, Grid

register = template.Library()


def _cell(cell: Cell, url: str) -> str:
    state = escape(cell.state.label)
    if not cell.is_member:
        return '<td class="cell impl-cell impl-nonmember"><span>Not yet a member</span></td>'
    if cell.record is None:
        if cell.can_write:
            inner = (
                f'<a href="{url}"><span aria-hidden="true">—</span>'
                f'<span class="visually-hidden">No report: report for {state}</span></a>'
            )
        else:
            inner = (
                '<span aria-hidden="true">—</span><span class="visually-hidden">No report</span>'
            )
        return f'<td class="cell impl-cell impl-none">{inner}</td>'
    record = cell.record
    label = f' aria-label="{state}: {escape(cell.text)}. Update"' if cell.can_write else ""
    return (
        f'<td class="cell impl-cell impl-{record.stage} ver-{record.verification}">'
        f'<a href="{url}"{label}><span class="impl-stage">{escape(cell.short)}</span> '
        f'<span class="impl-mark" aria-hidden="true">{cell.mark}</span>'
        f'<span class="visually-hidden">, {escape(cell.verification_label.lower())}</span></a></td>'
    )


@register.simple_tag
def implementation_grid_rows(grid: Grid) -> SafeString:
    detail = reverse("initiatives:detail", args=["slug"]).rsplit("slug", 1)
    lines = []
    for row in grid.rows:
        initiative = row.initiative
        cells = "".join(_cell(c, record_url(initiative.slug, c.state.slug)) for c in row.cells)
        lines.append(
            f'<tr><th scope="row"><a href="{detail[0]}{initiative.slug}{detail[1]}">'
            f"{escape(initiative.label)}</a> {status_badge_html(initiative.status)}</th>"
            f'<td class="impl-count">{row.implemented}<span class="muted">/{row.members}</span>'
            f"</td>{cells}</tr>"
        )
    return mark_safe("\n".join(lines))  # every value above is escaped or the tracker's own


@register.simple_tag
def verification_text(record: ImplementationRecord) -> SafeString:
    """The secretariat's verification in words, with its mark (the same as _verification.html)."""
    if record.verification == "verified":
        by = record.verified_by
        who = f" by {escape(by.get_full_name() or by.username)}" if by else ""
        when = f" on {localtime(record.verified_at):%-d %b %Y}" if record.verified_at else ""
        return mark_safe(
            f'<span class="ver ver-verified"><span aria-hidden="true">✓</span> Verified{who}{when}'
            "</span>"
        )
    if record.verification == "queried":
        return mark_safe(
            '<span class="ver ver-queried"><span aria-hidden="true">?</span> '
            "Queried by the secretariat</span>"
        )
    return mark_safe(
        '<span class="ver ver-unverified"><span aria-hidden="true">○</span> Not yet verified</span>'
    )
