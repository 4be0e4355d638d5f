"""Filter sets of the API endpoints that have no page of their own (the initiatives' list
shares the page's InitiativeFilterSet, initiatives/filtersets.py)."""

from __future__ import annotations

import django_filters
from django import forms

from tracker.api import TextSearchFilter

from ..choices import StatementKind, Status
from ..models import DesiredOutcome, Meeting, Mention, Paragraph, ProgressUpdate, Statement


class YearFilter(django_filters.NumberFilter):
    """A whole year within what dates can hold (a decimal or 5-digit year is a 400, not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class MeetingFilterSet(django_filters.FilterSet):
    series = django_filters.CharFilter(lookup_expr="iexact")
    year = YearFilter(field_name="start_date", lookup_expr="year")
    host = django_filters.CharFilter(field_name="host__slug", label="Host (partner slug)")
    q = TextSearchFilter("title", "venue", "theme", label="Title, venue or theme contains")

    class Meta:
        model = Meeting
        fields = ["series", "is_planned", "year", "host"]


class StatementFilterSet(django_filters.FilterSet):
    meeting = django_filters.CharFilter(field_name="meeting__slug", label="Meeting (slug)")
    kind = django_filters.ChoiceFilter(choices=StatementKind.choices)

    class Meta:
        model = Statement
        fields = ["meeting", "kind"]


class ParagraphFilterSet(django_filters.FilterSet):
    meeting = django_filters.CharFilter(
        field_name="statement__meeting__slug", label="Meeting (slug)"
    )
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="Text contains")

    class Meta:
        model = Paragraph
        fields = ["statement", "meeting", "number"]


class MentionFilterSet(django_filters.FilterSet):
    initiative = django_filters.CharFilter(field_name="initiative__slug", label="Initiative (slug)")
    meeting = django_filters.CharFilter(field_name="meeting__slug", label="Meeting (slug)")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)

    class Meta:
        model = Mention
        fields = ["initiative", "meeting", "status", "is_confirmed", "paragraph"]


class ProgressUpdateFilterSet(django_filters.FilterSet):
    initiative = django_filters.CharFilter(field_name="initiative__slug", label="Initiative (slug)")
    member_state = django_filters.CharFilter(
        field_name="member_state__slug", label="Member state of a country note (slug)"
    )
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    is_country_note = django_filters.BooleanFilter(
        field_name="member_state", lookup_expr="isnull", exclude=True
    )
    withdrawn = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", exclude=True
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = ProgressUpdate
        fields = ["initiative", "member_state", "status"]


class OutcomeFilterSet(django_filters.FilterSet):
    masterplan = django_filters.CharFilter(
        field_name="masterplan__slug", label="Masterplan (initiative slug)"
    )

    class Meta:
        model = DesiredOutcome
        fields = ["masterplan", "code"]
