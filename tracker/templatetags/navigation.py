"""Marks the menu entry of the page being shown, for eyes and for screen readers."""

from __future__ import annotations

from fnmatch import fnmatchcase

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, page: str, within: str = "") -> SafeString | str:
    """aria-current="page" on the page itself, "true" on a page that belongs to its section.

    `page` is a view name ("initiatives:list"); `within` lists view-name patterns of the
    section, separated by spaces ("initiatives:meeting_* partners:*").
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    name = match.view_name
    if name == page:
        return mark_safe(' aria-current="page"')
    if any(fnmatchcase(name, pattern) for pattern in within.split()):
        return mark_safe(' aria-current="true"')
    return ""


# Where a form's record lives: its model -> (section name, the section's list view).
SECTIONS = {
    "initiative": ("Initiatives", "initiatives:list"),
    "meeting": ("Meetings", "initiatives:meeting_list"),
    "partner": ("Partners", "partners:list"),
}
# Forms that create a record have none yet: their view names the section.
CREATE_VIEWS = {
    "initiatives:create": "initiative",
    "initiatives:meeting_create": "meeting",
    "partners:create": "partner",
}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def form_breadcrumbs(context, record=None, here: str = "") -> dict:
    """Section › record › this form, for the forms of initiatives, meetings, partners and
    progress updates (an update sits under its initiative)."""
    trail: list[tuple[str, str]] = []
    record = record or None  # a missing template variable arrives as ""
    if record is not None and hasattr(record, "initiative") and not hasattr(record, "acronym"):
        record = record.initiative  # a progress update or country note
    model = record._meta.model_name if record is not None else None
    if model is None:
        match = getattr(context.get("request"), "resolver_match", None)
        model = CREATE_VIEWS.get(getattr(match, "view_name", ""))
    if model in SECTIONS:
        name, view = SECTIONS[model]
        trail.append((name, reverse(view)))
    if record is not None and hasattr(record, "get_absolute_url"):
        trail.append((getattr(record, "label", None) or str(record), record.get_absolute_url()))
    return {"trail": trail, "here": here}
