"""Mentions and progress updates: the evidence behind an initiative's status."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from tracker import permissions as gate
from tracker.api import (
    IsOfficerOrReadOnly,
    officer_summaries,
    schema_summaries,
    service_errors,
    without_version,
)
from tracker.history import history_id_at_version

from .. import services
from ..models import Mention, ProgressUpdate
from ..serializers.evidence import MentionSerializer, ProgressUpdateSerializer
from .filters import MentionFilterSet, ProgressUpdateFilterSet
from .permissions import ProgressUpdatePermission


@officer_summaries(
    "mentions",
    "mention",
    create="Record a mention of an initiative at a meeting (officers)",
    partial_update="Correct or confirm a mention (officers)",
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


@schema_summaries(
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
        data, _ = without_version(serializer.validated_data)
        with service_errors():
            serializer.instance = services.progress_update_create(user=self.request.user, **data)

    def perform_update(self, serializer):
        self._check_note_rules(serializer)
        update = serializer.instance
        data, version = without_version(serializer.validated_data)
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
