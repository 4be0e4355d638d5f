"""Filters of the initiative list, matrix and exports; the API reuses the same FilterSet.

Parameter names are the public contract (bookmarks, exports, the API):
q, status (repeatable), topic (repeatable), kind, partner, meeting, outcome, lead, year, stale,
due (overdue or soon),
ordering.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.choices import BaseChoiceIterator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from partners.models import Partner
from tracker.forms import quick_selects

from . import search, selectors
from .choices import InitiativeKind, Status
from .models import DesiredOutcome, Initiative, InitiativePartner, Meeting, Mention, Topic
from .status import status_label

NO_STATUS = "none"
DUE_OVERDUE, DUE_SOON = "overdue", "soon"
STATUS_CHOICES = [*Status.choices, (NO_STATUS, status_label(""))]
# ADM 2025 is the masterplan whose desired outcomes initiatives are filed under.
OUTCOME_MASTERPLAN_ACRONYM = "ADM 2025"


class _PartnerRows:
    """The partners, read once for both the partner and the lead-body choices, and only when a
    page draws the form (validating a value asks the field's queryset, as usual)."""

    def __init__(self):
        self._rows = None

    def __iter__(self):
        if self._rows is None:
            leads = Exists(Initiative.objects.filter(lead_body=OuterRef("pk")))
            self._rows = list(Partner.objects.annotate(leads=leads).order_by("name"))
        return iter(self._rows)


class _PartnerChoices(BaseChoiceIterator):
    def __init__(self, partners: _PartnerRows, empty_label: str, *, leads: bool = False):
        self.partners, self.empty_label, self.leads = partners, empty_label, leads

    def __iter__(self):
        yield ("", self.empty_label)
        for partner in self.partners:
            if partner.leads or not self.leads:
                yield (partner.slug, str(partner))


class InitiativeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. AI, cyber, DEFA"}),
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=STATUS_CHOICES,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        label="Topic",
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        method="filter_topic",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=InitiativeKind.choices, empty_label="Any kind"
    )
    partner = django_filters.ModelChoiceFilter(
        label="Partner",
        queryset=Partner.objects.order_by("name"),
        to_field_name="slug",
        method="filter_partner",
        empty_label="Any partner",
    )
    meeting = django_filters.ModelChoiceFilter(
        label="Mentioned at",
        queryset=Meeting.objects.order_by("start_date", "series", "number"),
        to_field_name="slug",
        method="filter_meeting",
        empty_label="Any meeting",
    )
    outcome = django_filters.ModelChoiceFilter(
        label="ADM 2025 outcome",
        queryset=DesiredOutcome.objects.filter(
            masterplan__acronym=OUTCOME_MASTERPLAN_ACRONYM
        ).order_by("code"),
        to_field_name="code",
        method="filter_outcome",
        empty_label="Any outcome",
    )
    lead = django_filters.ModelChoiceFilter(
        label="Lead body",
        field_name="lead_body",
        # Exists rather than a join with DISTINCT, which reads every initiative's lead body.
        queryset=Partner.objects.filter(
            Exists(Initiative.objects.filter(lead_body=OuterRef("pk")))
        ).order_by("name"),
        to_field_name="slug",
        empty_label="Any lead body",
    )
    year = django_filters.NumberFilter(
        label="Active in year",
        method="filter_year",
        min_value=1967,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "e.g. 2023"}),
    )
    stale = django_filters.BooleanFilter(
        label="Stale",
        method="filter_stale",
        widget=forms.Select(choices=[("", "Any"), ("true", "Stale only"), ("false", "Not stale")]),
    )
    due = django_filters.ChoiceFilter(
        label="Expected step",
        method="filter_due",
        choices=[
            (DUE_OVERDUE, "Overdue"),
            (DUE_SOON, "Due within six months"),  # selectors.DUE_SOON_DAYS
        ],
        empty_label="Any",
    )
    ordering = django_filters.OrderingFilter(
        label="Sort by",
        fields=(
            ("name", "name"),
            ("status_rank", "status"),
            ("kind", "kind"),
            ("period_start", "period"),
            ("last_mentioned_on", "mentioned"),
            ("last_update_on", "updated"),
            ("expected_date", "expected"),
        ),
        field_labels={
            "name": "Name",
            "status_rank": "Status",
            "kind": "Kind",
            "period_start": "Period start",
            "last_mentioned_on": "Last mentioned",
            "last_update_on": "Last progress update",
            "expected_date": "Expected date",
        },
        empty_label="Name (A-Z)",
    )

    class Meta:
        model = Initiative
        fields = [
            "q",
            "status",
            "topic",
            "kind",
            "partner",
            "meeting",
            "outcome",
            "lead",
            "year",
            "stale",
            "due",
        ]

    # The fields the filter panel shows, in its order (includes/initiative_filters.html);
    # pages that filter initiatives their own way name theirs.
    PANEL_FIELDS = [
        "q", "status", "topic", "kind", "partner", "lead", "meeting", "outcome", "year", "stale",
        "due", "ordering",
    ]  # fmt: skip

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = selectors.initiative_list()
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)

    @property
    def panel_fields(self):
        return [self.form[name] for name in self.PANEL_FIELDS]

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_partner_choices_shared", False):
            form._partner_choices_shared = True
            quick_selects(form)
            partners = _PartnerRows()
            form.fields["partner"].widget.choices = _PartnerChoices(partners, "Any partner")
            form.fields["lead"].widget.choices = _PartnerChoices(
                partners, "Any lead body", leads=True
            )
        return form

    def filter_queryset(self, queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
        # Sorting and the stale filter read annotations; a bare queryset (the API's) gets them.
        queryset = super().filter_queryset(selectors.with_tracking(queryset))
        # Ties (same status, same date) broken by the unique name: without it PostgreSQL may
        # order them differently on each query, and a row could show on two pages or on none.
        return queryset.order_by(*queryset.query.order_by, "name")

    def filter_text(self, queryset, name, value: str):
        # Words as words: "AI" is not found inside "Repair"; synonyms widen each term.
        return search.filter_initiatives(queryset, search.concepts_for(value))

    @extend_schema_field(OpenApiTypes.STR)  # each value is a topic's slug
    def filter_topic(self, queryset, name, value):
        if not value:
            return queryset
        tagged = Topic.initiatives.through.objects.filter(
            initiative=OuterRef("pk"), topic__in=list(value)
        )
        return queryset.filter(Exists(tagged))

    def filter_status(self, queryset, name, value: list[str]):
        if not value:
            return queryset
        statuses = [s for s in value if s != NO_STATUS]
        if NO_STATUS in value:
            statuses.append("")
        return queryset.filter(status__in=statuses)

    def filter_partner(self, queryset, name, value: Partner):
        roles = InitiativePartner.objects.filter(initiative=OuterRef("pk"), partner=value)
        return queryset.filter(Exists(roles))

    def filter_meeting(self, queryset, name, value: Meeting):
        return queryset.filter(
            Exists(Mention.objects.filter(initiative=OuterRef("pk"), meeting=value))
        )

    def filter_outcome(self, queryset, name, value: DesiredOutcome):
        links = Initiative.outcomes.through.objects.filter(
            initiative=OuterRef("pk"), desiredoutcome=value
        )
        return queryset.filter(Exists(links))

    def filter_year(self, queryset, name, value):
        year = int(value)
        # Active: the period covers the year (an open end runs on), or it is that year's work plan.
        in_period = (Q(period_start__isnull=False) | Q(period_end__isnull=False)) & (
            (Q(period_start__isnull=True) | Q(period_start__lte=year))
            & (Q(period_end__isnull=True) | Q(period_end__gte=year))
        )
        return queryset.filter(in_period | Q(work_plan_year=year))

    def filter_due(self, queryset, name, value: str):
        due = selectors.overdue_q() if value == DUE_OVERDUE else selectors.due_soon_q()
        return queryset.filter(due)

    def filter_stale(self, queryset, name, value: bool):
        stale = selectors.stale_q()
        return queryset.filter(stale) if value else queryset.exclude(stale)

    def qs_or_none(self) -> QuerySet:
        """The filtered initiatives, or none when a filter is invalid (never a wrong list)."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) of each filter in use, for the "filtered by" line above results."""
        if not self.is_bound or not self.form.is_valid():
            return []
        shown = []
        for name, value in self.form.cleaned_data.items():
            # An empty multiple choice cleans to an empty queryset: not in use either.
            if name == "ordering" or value is None or (value is not False and not value):
                continue
            label = self.filters[name].label
            if name == "status":
                names = dict(STATUS_CHOICES)
                value = ", ".join(names.get(v, v) for v in value)
            elif name == "topic":
                value = ", ".join(t.name for t in value)
            elif name == "kind":
                value = InitiativeKind(value).label
            elif name == "stale":
                value = "yes" if value else "no"
            elif name == "due":
                value = dict(self.filters["due"].extra["choices"])[value]
            shown.append((str(label), str(value)))
        return shown
