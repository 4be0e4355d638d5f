"""Slugs for records' URLs, shared by every app (partners, initiatives, meetings)."""

from __future__ import annotations

from django.utils.text import slugify


def unique_slug(model, value: str, *, max_length: int = 100, exclude_pk=None) -> str:
    """A slug for `value` that no other row of `model` uses yet ("defa", "defa-2", ...)."""
    base = slugify(value)[:max_length].strip("-") or "item"
    slug, n = base, 2
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug
