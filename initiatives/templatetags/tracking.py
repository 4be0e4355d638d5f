"""Display-only helpers for the tracking pages: quoting, query strings, labels and the chart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django import forms, template
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from .. import status as engine
from ..choices import NO_STATUS_MEANING, STATUS_MEANINGS, STATUS_RANK, Status
from ..status import CHANGE_MEANINGS

register = template.Library()

# Arrow and words for each move between meetings: never colour alone.
CHANGE_SIGNS = {
    "new": ("+", "New"),
    "returned": ("↺", "Returned"),
    "advanced": ("▲", "Advanced"),
    "unchanged": ("=", "Unchanged"),
    "regressed": ("▼", "Regressed"),
    "silent": ("…", "Went silent"),
}


def _loose_pattern(words: str) -> re.Pattern | None:
    """Match the words with any spacing and case, as statements wrap and capitalise freely."""
    parts = [re.escape(w) for w in words.split()]
    if not parts:
        return None
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


@register.simple_tag
def quote(text: str, phrase: str = "", named: str = "") -> SafeString:
    """The paragraph text, escaped, with the action phrase in <mark> and the name in <strong>."""
    spans: list[tuple[int, int, str]] = []
    for words, tag in ((phrase, "mark"), (named, "strong")):
        pattern = _loose_pattern(words or "")
        found = pattern.search(text) if pattern else None
        if found:
            spans.append((found.start(), found.end(), tag))
    spans.sort()
    out, at = [], 0
    for start, end, tag in spans:
        if start < at:  # overlapping highlights: the first one wins
            continue
        out.append(escape(text[at:start]))
        out.append(f"<{tag}>{escape(text[start:end])}</{tag}>")
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def current_query(context) -> str:
    """The current filters as a query string (without the page), for export links."""
    request = context.get("request")
    if request is None:
        return ""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


# The status and change badges of every page, written in Python: pages show hundreds (the
# matrix, a meeting's paragraphs and changes, a partner's initiatives), and a template include
# per badge cost more than the rest of the row.
STATUS_LABELS: dict[str, str] = dict(Status.choices)


def status_meaning(status: str) -> str:
    if not status:
        return NO_STATUS_MEANING
    meaning = STATUS_MEANINGS.get(status)
    return meaning.meaning if meaning else ""


@cache
def status_badge_html(status: str, linked: bool = False) -> str:
    """A status in its colour and in words, its meaning as the title ("no status" when empty).

    Linked, the badge is a link to the status on the help page, so that its meaning is a
    keyboard's reach away too; unlinked where it sits inside another control (a matrix cell).
    """
    label = capfirst(STATUS_LABELS.get(status, status)) if status else "no status"
    value = escape(status or "none")
    title = escape(f"{label}: {status_meaning(status)}")
    dot = '<span class="status-dot" aria-hidden="true"></span>' if status else ""
    if linked:
        help_url = escape(reverse("initiatives:help"))
        return (
            f'<a class="status status-{value}" href="{help_url}#status-{value}" '
            f'title="{title}">{dot}{escape(label)}</a>'
        )
    return f'<span class="status status-{value}" title="{title}">{dot}{escape(label)}</span>'


@cache
def change_badge_html(kind: str) -> str:
    """A move between meetings in an arrow and in words, never colour alone; its meaning as
    the title."""
    sign, label = CHANGE_SIGNS.get(kind, ("", kind))
    meaning = CHANGE_MEANINGS.get(kind, "")
    title = f' title="{escape(f"{label}: {meaning}")}"' if meaning else ""
    return (
        f'<span class="change change-{escape(kind)}"{title}><span class="change-sign" '
        f'aria-hidden="true">{escape(sign)}</span> {escape(label)}</span>'
    )


@register.filter
def status_badge(status: str | None) -> SafeString:
    return mark_safe(status_badge_html(status or "", linked=True))  # built from escaped parts


@register.filter
def status_badge_plain(status: str | None) -> SafeString:
    """The badge without its link to help (on the help page itself, or inside a control)."""
    return mark_safe(status_badge_html(status or ""))  # built from escaped parts


@register.filter
def change_badge(kind: str) -> SafeString:
    return mark_safe(change_badge_html(kind))  # built from escaped parts


@register.simple_tag
def change_list(changes) -> SafeString:
    """The initiatives of one kind of move with their status before and after (Change rows).

    Written in Python for the same reason as the badges: a meeting page lists hundreds.
    """
    items = []
    for change in changes:
        before, after = change.before, change.after
        moves = status_badge_html(before, True) if before is not None else ""
        if before is not None and after is not None:
            moves += '<span aria-hidden="true">→</span><span class="visually-hidden">then</span>'
        moves += (
            status_badge_html(after, True)
            if after is not None
            else '<span class="muted">not mentioned</span>'
        )
        if getattr(change, "last_seen", ""):
            moves += f' <span class="muted">last mentioned at the {escape(change.last_seen)}</span>'
        ref = change.initiative
        items.append(
            f'<li><a href="{escape(ref.get_absolute_url())}">{escape(ref.label)}</a> '
            f'<span class="moves">{moves}</span></li>'
        )
    return mark_safe(f'<ul class="change-list">{"".join(items)}</ul>')  # escaped parts


@register.simple_tag
def mention_chips(mentions, paragraph_number) -> SafeString:
    """The initiatives a paragraph names, each with its status and the ministers' phrase.

    Each mention carries `initiative_url` (see selectors.meeting_with_paragraphs).
    """
    items = []
    for mention in mentions:
        phrase = (
            f' <span class="phrase">“{escape(mention.phrase)}”</span>' if mention.phrase else ""
        )
        items.append(
            f'<li><a href="{escape(mention.initiative_url)}">{escape(mention.initiative.label)}'
            f"</a> {status_badge_html(mention.status, True)}{phrase}</li>"
        )
    label = f"Initiatives mentioned in paragraph {escape(paragraph_number)}"
    return mark_safe(  # escaped parts
        f'<ul class="mention-chips" aria-label="{label}">{"".join(items)}</ul>'
    )


@register.filter
def status_label(status: str | None) -> str:
    return engine.status_label(status)


@register.inclusion_tag("includes/status_chart.html")
def status_chart(rows, link_base: str = "", title: str = "Initiatives by status"):
    """A bar chart as inline SVG: each bar has its status written above it and its count beside.

    Labels sit above the bars so the chart stays legible when a phone scales it down.
    """
    width, row_height, bar_height, count_room = 340, 46, 16, 40
    plot = width - count_room
    largest = max((count for _, _, count in rows), default=0) or 1
    bars = []
    for index, (status, label, count) in enumerate(rows):
        top = index * row_height
        length = max(round(plot * count / largest), 3) if count else 0
        bars.append(
            {
                "status": status,
                "label": label,
                "count": count,
                "label_y": top + 15,
                "bar_y": top + 22,
                "count_y": top + 35,
                "count_x": length + 6,
                "length": length,
                "href": f"{link_base}?status={status}" if link_base else "#",
            }
        )
    return {
        "bars": bars,
        "title": title,
        "width": width,
        "height": len(rows) * row_height,
        "bar_height": bar_height,
        "plot": plot,
        "total": sum(count for _, _, count in rows),
    }


@dataclass(frozen=True)
class FilterChip:
    label: str  # the filter's label, e.g. "Status"
    value: str  # what is filtered on, in words
    remove_query: str  # the current query string without this one value (and the page)


@register.simple_tag(takes_context=True)
def filter_chips(context, filterset) -> list[FilterChip]:
    """One chip per filter value in use (a multi-value filter gives one per value), each with
    the query that removes it alone. Works for any FilterSet; sorting is not a filter."""
    request = context.get("request")
    if request is None or not filterset.is_bound or not filterset.form.is_valid():
        return []
    chips = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "ordering" or value in (None, "", [], ()):
            continue
        bound = filterset.form[name]
        key = bound.html_name
        raws = [raw for raw in request.GET.getlist(key) if raw != ""]
        names = _chip_names(bound.field, value)
        for raw in raws:
            params = request.GET.copy()
            params.pop("page", None)
            params.setlist(key, [r for r in params.getlist(key) if r != raw])
            encoded = params.urlencode()
            chips.append(
                FilterChip(
                    label=str(bound.label),
                    value=names.get(raw, raw),
                    remove_query=f"?{encoded}" if encoded else "?",
                )
            )
    return chips


@register.simple_tag
def status_ladder() -> str:
    """The statuses in their order along an initiative's life: what advanced and regressed
    are measured by (STATUS_RANK)."""
    return " → ".join(str(Status(s).label) for s in sorted(STATUS_RANK, key=STATUS_RANK.get))


def _chip_names(field, value) -> dict[str, str]:
    """What each submitted value of a filter is called, without reading its choices again:
    records come from the cleaned value (already loaded), fixed choices from the field."""
    if isinstance(field, forms.ModelChoiceField):  # and ModelMultipleChoiceField
        key = field.to_field_name or "pk"
        records = value if isinstance(value, list | tuple | QuerySet) else [value]
        return {str(getattr(r, key)): str(r) for r in records}
    choices = field.widget.choices if isinstance(field.widget, forms.Select) else None
    choices = choices or getattr(field, "choices", None) or []
    return {str(k): str(v) for k, v in choices}
