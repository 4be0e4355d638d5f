"""Filters of the implementation grid (the initiative list's, plus masterplan and sorting by how
many states implemented) and of the records in the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from initiatives.choices import InitiativeKind
from initiatives.filtersets import InitiativeFilterSet
from initiatives.models import DesiredOutcome, Initiative

from . import selectors
from .choices import Stage, Verification
from .models import ImplementationRecord


def masterplans(request=None):
    """Masterplans there is something to filter by: with desired outcomes or initiatives under
    them. Not every initiative of the masterplan kind: a record holding hundreds of them would
    render each as an option on every page of the grid."""
    return (
        Initiative.objects.filter(kind=InitiativeKind.MASTERPLAN)
        .filter(
            Exists(DesiredOutcome.objects.filter(masterplan=OuterRef("pk")))
            | Exists(Initiative.objects.filter(parent=OuterRef("pk")))
        )
        .order_by("name")
    )


class ImplementationGridFilterSet(InitiativeFilterSet):
    masterplan = django_filters.ModelChoiceFilter(
        label="Masterplan",
        queryset=masterplans,
        to_field_name="slug",
        method="filter_masterplan",
        empty_label="Any masterplan",
    )
    on = django_filters.DateFilter(
        label="As it stood on",
        method="filter_nothing",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for today.",
    )
    ordering = django_filters.OrderingFilter(
        label="Sort by",
        fields=(
            ("name", "name"),
            ("implemented_count", "implemented"),
            ("status_rank", "status"),
            ("kind", "kind"),
        ),
        field_labels={
            "name": "Name",
            "implemented_count": "States implemented",
            "status_rank": "Status",
            "kind": "Kind",
        },
        empty_label="Name (A-Z)",
    )

    class Meta(InitiativeFilterSet.Meta):
        fields = [*InitiativeFilterSet.Meta.fields, "masterplan", "on"]

    PANEL_FIELDS = ["q", "status", "kind", "partner", "outcome", "masterplan", "on", "ordering"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = selectors.tracked_initiatives()
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)

    def filter_masterplan(self, queryset, name, value: Initiative):
        """Initiatives under the masterplan, or serving one of its desired outcomes."""
        links = Initiative.outcomes.through.objects.filter(
            initiative=OuterRef("pk"), desiredoutcome__masterplan=value
        )
        return queryset.filter(Q(parent=value) | Exists(links))

    def filter_nothing(self, queryset, name, value):
        return queryset  # `on` picks the records' date, not initiatives

    @property
    def on_date(self):
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("on")
        return None


class ImplementationRecordFilterSet(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="member_state__slug", label="Member state (slug)")
    initiative = django_filters.CharFilter(field_name="initiative__slug", label="Initiative (slug)")
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    verification = django_filters.MultipleChoiceFilter(choices=Verification.choices)
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte")
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte")

    class Meta:
        model = ImplementationRecord
        fields = ["state", "initiative", "stage", "verification"]
