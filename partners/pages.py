"""What the partner pages show of the apps above partners, learnt by registration.

partners/ sits below initiatives and imports nothing of it. initiatives registers, in its
AppConfig.ready(), the queryset of the partner list (annotated with each partner's initiative
counts, which the list sorts by) and the sections of a partner's page, by dotted path.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from .models import Partner

# dotted path of a function returning the partner list's queryset, or None for plain partners
LIST_QUERYSET: list[str] = []
# dotted paths of functions(partner) -> dict, merged into a partner page's context in order
DETAIL_CONTEXT: list[str] = []


def register_list_queryset(dotted_path: str) -> None:
    LIST_QUERYSET[:] = [dotted_path]


def register_detail_context(dotted_path: str) -> None:
    if dotted_path not in DETAIL_CONTEXT:
        DETAIL_CONTEXT.append(dotted_path)


def partner_list() -> QuerySet[Partner]:
    if LIST_QUERYSET:
        return import_string(LIST_QUERYSET[0])()
    return Partner.objects.select_related("parent")


def detail_context(partner: Partner) -> dict:
    context: dict = {}
    for dotted_path in DETAIL_CONTEXT:
        context.update(import_string(dotted_path)(partner))
    return context
