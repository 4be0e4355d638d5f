"""Template helpers for the record forms: permission questions and rich text."""

from django import template

from tracker import permissions
from tracker.security import render_rich_text, rich_text_to_plain

register = template.Library()


@register.filter
def can_edit_records(user) -> bool:
    return permissions.can_edit_records(user)


@register.filter
def can_add_note(user) -> bool:
    return permissions.can_add_note(user)


@register.filter
def rich_text(value: str):
    """A summary or note as sanitised HTML (see tracker.security.sanitize_rich_text)."""
    return render_rich_text(value or "")


@register.filter
def plain_text(value: str) -> str:
    """A summary or note without markup, for previews (autoescaped like any text)."""
    return rich_text_to_plain(value or "")
