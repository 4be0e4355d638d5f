"""REST endpoints of the initiatives app, mounted under /api/ by tracker/api_urls.py.

Every authenticated role reads everything. Officers and admins write the tracking records; a
focal point writes only country notes (progress updates of their own member state, without a
status). Lists are filtered with the same FilterSets as the pages, so `?status=adopted` means
the same thing in both places, and every queryset loads its relations up front so that the
number of queries does not grow with the number of rows.
"""

from __future__ import annotations

from types import SimpleNamespace

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from tracker import permissions as gate
from tracker.api import SLUG_PATTERN, IsOfficerOrReadOnly, service_errors
from tracker.history import history_id_at_version

from . import selectors, services
from .choices import StatementKind, Status
from .filtersets import InitiativeFilterSet
from .models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
)
from .serializers import (
    DesiredOutcomeSerializer,
    InitiativeDetailSerializer,
    InitiativeSerializer,
    MeetingChangesSerializer,
    MeetingSerializer,
    MentionSerializer,
    ParagraphSerializer,
    ProgressUpdateSerializer,
    StatementSerializer,
)


def _schema(tag: str, **summaries: str):
    """Summaries and a tag for the actions of a viewset, as the interactive docs show them."""
    return extend_schema_view(
        **{action: extend_schema(summary=text, tags=[tag]) for action, text in summaries.items()}
    )


# ------------------------------------------------------------------------------
# Filters of the endpoints that have no page of their own
# ------------------------------------------------------------------------------
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
    q = django_filters.CharFilter(method="search", label="Title, venue or theme contains")

    class Meta:
        model = Meeting
        fields = ["series", "is_planned", "year", "host"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(venue__icontains=value) | Q(theme__icontains=value)
        )


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


# ------------------------------------------------------------------------------
# Permissions
# ------------------------------------------------------------------------------
class ProgressUpdatePermission(permissions.IsAuthenticated):
    """Officers write any update; a focal point writes only their own state's country notes."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        user = request.user
        if request.method in permissions.SAFE_METHODS or gate.can_edit_records(user):
            return True
        try:
            gate.require_note_writer(user)
        except DjangoPermissionDenied as refusal:
            self.message = str(refusal)
            return False
        return True

    def has_object_permission(self, request, view, obj: ProgressUpdate) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not gate.can_change_update(request.user, obj):
            self.message = gate.explain_update_refusal(request.user, obj)
            return False
        return True


# ------------------------------------------------------------------------------
# Meetings, statements, paragraphs
# ------------------------------------------------------------------------------
@_schema(
    "meetings",
    list="List meetings (held and planned)",
    retrieve="One meeting",
    create="Add a meeting (officers)",
    update="Replace a meeting (officers)",
    partial_update="Change a meeting (officers)",
    destroy="Delete a meeting and what was said there (officers)",
)
class MeetingViewSet(viewsets.ModelViewSet):
    queryset = (
        Meeting.objects.select_related("host", "chair_country", "vice_chair_country")
        .prefetch_related(Prefetch("statements", queryset=Statement.objects.only("id", "meeting")))
        .annotate(
            # A meeting's version is its newest history row (see MeetingSerializer.version).
            history_version=Subquery(
                Meeting.history.model.objects.filter(id=OuterRef("pk"))
                .order_by("-history_id")
                .values("history_id")[:1]
            )
        )
    )
    serializer_class = MeetingSerializer
    permission_classes = [IsOfficerOrReadOnly]
    filterset_class = MeetingFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def perform_create(self, serializer):
        with service_errors():
            data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
            serializer.instance = services.meeting_create(user=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        with service_errors():
            serializer.instance = services.meeting_update(
                meeting=serializer.instance,
                user=self.request.user,
                # Without a version the client overwrites, as documented.
                seen_history_id=version or serializer.instance.history_version,
                **data,
            )

    def perform_destroy(self, instance):
        with transaction.atomic():
            affected = list(Initiative.objects.filter(mentions__meeting=instance).distinct())
            instance.delete()
            for initiative in affected:
                services.initiative_refresh_status(initiative=initiative)

    @extend_schema(
        summary="What the meeting changed against the previous meeting of its series",
        responses=MeetingChangesSerializer,
    )
    @action(detail=True, methods=["get"])
    def changes(self, request, slug=None, format=None):
        meeting = self.get_object()
        comparison = selectors.meeting_comparison(meeting)
        changes = [c for kind in selectors.CHANGE_KINDS for c in comparison.groups[kind]]
        return Response(
            MeetingChangesSerializer(
                {"meeting": meeting, "previous": comparison.previous, "changes": changes}
            ).data
        )


@_schema(
    "statements",
    list="List statements with their paragraphs",
    retrieve="One statement with its paragraphs",
    create="Store a statement verbatim with its numbered paragraphs (officers)",
)
class StatementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Statements are stored verbatim; a correction is a new import, so there is no edit."""

    queryset = Statement.objects.select_related("meeting", "imported_by").prefetch_related(
        Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number"))
    )
    serializer_class = StatementSerializer
    permission_classes = [IsOfficerOrReadOnly]
    filterset_class = StatementFilterSet

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.statement_create(
            meeting=data["meeting"],
            text=data["text"],
            paragraphs=[
                SimpleNamespace(number=p["number"], section=p.get("section", ""), text=p["text"])
                for p in data["paragraphs"]
            ],
            kind=data.get("kind", Statement._meta.get_field("kind").default),
            title=data.get("title", ""),
            source_url=data.get("source_url", ""),
            source_filename=data.get("source_filename", ""),
            source_format=data.get("source_format", ""),
            issued_on=data.get("issued_on"),
            user=self.request.user,
        )


@_schema("statements", list="List paragraphs", retrieve="One paragraph")
class ParagraphViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Paragraph.objects.select_related("statement").order_by("statement", "number")
    serializer_class = ParagraphSerializer
    filterset_class = ParagraphFilterSet


# ------------------------------------------------------------------------------
# Initiatives
# ------------------------------------------------------------------------------
@_schema("initiatives", list="List desired outcomes", retrieve="One desired outcome")
class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = DesiredOutcome.objects.select_related("masterplan")
    serializer_class = DesiredOutcomeSerializer
    filterset_class = OutcomeFilterSet


@transaction.atomic
def _save_initiative(serializer, *, user) -> Initiative:
    """Save an initiative through the services, then its partner roles and outcomes, as one."""
    data = dict(serializer.validated_data)
    partner_roles = data.pop("partner_roles", None)
    outcomes = data.pop("outcomes", None)
    version = data.pop("version", None)
    if serializer.instance is None:
        initiative = services.initiative_create(user=user, **data)
    else:
        initiative = services.initiative_update(
            initiative=serializer.instance,
            user=user,
            expected_version=version or serializer.instance.version,
            seen_history_id=history_id_at_version(serializer.instance, version),
            **data,
        )
    services.initiative_set_links(
        initiative=initiative,
        user=user,
        partner_roles=None
        if partner_roles is None
        else [(item["partner"], item["role"]) for item in partner_roles],
        outcomes=outcomes,
    )
    return initiative


@_schema(
    "initiatives",
    list="List initiatives (same filters as the initiatives page)",
    retrieve="One initiative with its timeline of mentions",
    create="Add an initiative (officers)",
    update="Replace an initiative (officers)",
    partial_update="Change an initiative (officers)",
    destroy="Delete an initiative (officers)",
)
class InitiativeViewSet(viewsets.ModelViewSet):
    """Initiatives by slug. The status is read-only: it follows mentions and progress updates."""

    permission_classes = [IsOfficerOrReadOnly]
    filterset_class = InitiativeFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        # The same annotations as the initiatives page, so that sorting and `stale` agree.
        queryset = selectors.with_tracking(
            Initiative.objects.select_related("lead_body", "work_plan_partner", "parent", "owner")
        ).prefetch_related(
            "outcomes",
            Prefetch("partner_roles", queryset=InitiativePartner.objects.select_related("partner")),
        )
        if self.action != "list":
            timeline = Mention.objects.select_related("meeting", "paragraph").order_by(
                "meeting__start_date", "paragraph__number", "pk"
            )
            queryset = queryset.prefetch_related(
                Prefetch("mentions", queryset=timeline),
                Prefetch("children", queryset=Initiative.objects.only("id", "slug", "parent")),
            )
        return queryset

    def get_serializer_class(self):
        return InitiativeSerializer if self.action == "list" else InitiativeDetailSerializer

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = _save_initiative(serializer, user=self.request.user)

    def perform_update(self, serializer):
        with service_errors():
            serializer.instance = _save_initiative(serializer, user=self.request.user)

    def _answer(self, initiative: Initiative, status_code: int) -> Response:
        # Re-read, so that the annotations and the timeline in the answer are current.
        fresh = self.get_queryset().get(pk=initiative.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self._answer(serializer.instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._answer(serializer.instance, status.HTTP_200_OK)


# ------------------------------------------------------------------------------
# Mentions and progress updates: the evidence behind an initiative's status
# ------------------------------------------------------------------------------
@_schema(
    "mentions",
    list="List mentions",
    retrieve="One mention",
    create="Record a mention of an initiative at a meeting (officers)",
    update="Replace a mention (officers)",
    partial_update="Correct or confirm a mention (officers)",
    destroy="Delete a mention (officers)",
)
class MentionViewSet(viewsets.ModelViewSet):
    queryset = Mention.objects.select_related("meeting", "initiative", "paragraph").order_by(
        "meeting__start_date", "paragraph__number", "pk"
    )
    serializer_class = MentionSerializer
    permission_classes = [IsOfficerOrReadOnly]
    filterset_class = MentionFilterSet

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.mention_record(
            meeting=data["meeting"],
            initiative=data["initiative"],
            paragraph=data.get("paragraph"),
            phrase=data.get("phrase", ""),
            matched_text=data.get("matched_text", ""),
            status=data.get("status", ""),
            expected_date=data.get("expected_date"),
            expected_text=data.get("expected_text", ""),
            confirmed=data.get("is_confirmed", False),
            source_url=data.get("source_url", ""),
        )

    def perform_update(self, serializer):
        before = serializer.instance.initiative
        with transaction.atomic():
            mention = serializer.save()
            services.initiative_refresh_status(initiative=mention.initiative)
            if before.pk != mention.initiative_id:
                services.initiative_refresh_status(initiative=before)

    def perform_destroy(self, instance):
        with transaction.atomic():
            initiative = instance.initiative
            instance.delete()
            services.initiative_refresh_status(initiative=initiative)


@_schema(
    "progress",
    list="List progress updates and country notes",
    retrieve="One progress update or country note",
    create="Record a progress update (officers) or a country note (focal points)",
    update="Replace a progress update or your country note",
    partial_update="Change a progress update or your country note",
)
class ProgressUpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Updates are withdrawn rather than deleted, as on the pages: the record keeps them."""

    queryset = ProgressUpdate.objects.select_related("initiative", "author", "member_state")
    serializer_class = ProgressUpdateSerializer
    permission_classes = [ProgressUpdatePermission]
    filterset_class = ProgressUpdateFilterSet

    def _check_note_rules(self, serializer) -> None:
        """A focal point's write must stay a status-less note of their own member state."""
        user = self.request.user
        data = serializer.validated_data
        if serializer.instance is None and "member_state" not in data:
            data["member_state"] = gate.note_state_of(user)
        if gate.can_edit_records(user):
            return
        state = gate.note_state_of(user)
        member_state = data.get("member_state", getattr(serializer.instance, "member_state", None))
        if member_state is None:
            raise PermissionDenied(gate.MSG_OFFICIAL_UPDATE)
        if state is None or member_state.pk != state.pk:
            raise PermissionDenied(
                gate.MSG_OTHER_STATE.format(
                    state=member_state.label, own=f" ({state.label})" if state else ""
                )
            )
        if data.get("status", getattr(serializer.instance, "status", "")):
            raise PermissionDenied(gate.MSG_OFFICIAL_UPDATE)

    def perform_create(self, serializer):
        self._check_note_rules(serializer)
        with service_errors():
            data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
            serializer.instance = services.progress_update_create(user=self.request.user, **data)

    def perform_update(self, serializer):
        self._check_note_rules(serializer)
        update, data = serializer.instance, dict(serializer.validated_data)
        version = data.pop("version", None)
        for name in ("initiative", "member_state"):
            if name in data and data.pop(name) != getattr(update, name):
                raise ValidationError(
                    {name: "Fixed once recorded: withdraw this one and record a new one."}
                )
        with service_errors():
            serializer.instance = services.progress_update_edit(
                update=update,
                user=self.request.user,
                expected_version=version or update.version,
                seen_history_id=history_id_at_version(update, version),
                **data,
            )

    @extend_schema(
        summary="Withdraw a progress update or your country note",
        tags=["progress"],
        request=None,
        responses=ProgressUpdateSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        update = self.get_object()
        with service_errors():
            update = services.progress_update_withdraw(update=update, user=request.user)
        return Response(self.get_serializer(update).data)
