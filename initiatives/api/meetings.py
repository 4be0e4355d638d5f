"""Meetings, the statements issued at them and their paragraphs."""

from __future__ import annotations

from types import SimpleNamespace

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tracker.api import (
    IsOfficerOrReadOnly,
    officer_summaries,
    schema_summaries,
    service_errors,
    without_version,
)
from tracker.viewsets import OfficerSlugViewSet

from .. import selectors, services
from ..models import Initiative, Meeting, Paragraph, Statement
from ..serializers.meetings import (
    MeetingChangesSerializer,
    MeetingSerializer,
    ParagraphSerializer,
    StatementSerializer,
)
from .filters import MeetingFilterSet, ParagraphFilterSet, StatementFilterSet


@officer_summaries(
    "meetings",
    "meeting",
    list="List meetings (held and planned)",
    destroy="Delete a meeting and what was said there (officers)",
)
class MeetingViewSet(OfficerSlugViewSet):
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
    filterset_class = MeetingFilterSet

    def perform_create(self, serializer):
        data, _ = without_version(serializer.validated_data)
        with service_errors():
            serializer.instance = services.meeting_create(user=self.request.user, **data)

    def perform_update(self, serializer):
        data, version = without_version(serializer.validated_data)
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


@schema_summaries(
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


@schema_summaries("statements", list="List paragraphs", retrieve="One paragraph")
class ParagraphViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Paragraph.objects.select_related("statement").order_by("statement", "number")
    serializer_class = ParagraphSerializer
    filterset_class = ParagraphFilterSet
