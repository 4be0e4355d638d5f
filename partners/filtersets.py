"""Filters of the partner list (the API reuses them): q, kind, ordering."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from . import pages
from .choices import PartnerKind
from .models import Partner


class PartnerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, short name or alias"}
        ),
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=PartnerKind.choices, empty_label="Any kind"
    )
    ordering = django_filters.OrderingFilter(
        label="Sort by",
        fields=(("name", "name"), ("kind", "kind"), ("role_count", "initiatives")),
        field_labels={"name": "Name", "kind": "Kind", "role_count": "Initiatives"},
        empty_label="Name (A-Z)",
    )

    class Meta:
        model = Partner
        fields = ["q", "kind"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = pages.partner_list()
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)

    def filter_text(self, queryset: QuerySet[Partner], name, value: str) -> QuerySet[Partner]:
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(short_name__icontains=word) | Q(aliases__icontains=word)
            )
        return queryset
