"""Initiatives and the desired outcomes they serve."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from rest_framework import status, viewsets
from rest_framework.response import Response

from tracker.api import (
    officer_summaries,
    schema_summaries,
    service_errors,
    without_version,
)
from tracker.history import history_id_at_version
from tracker.viewsets import OfficerSlugViewSet

from .. import selectors, services
from ..filtersets import InitiativeFilterSet
from ..models import DesiredOutcome, Initiative, InitiativePartner, Mention
from ..serializers.records import (
    DesiredOutcomeSerializer,
    InitiativeDetailSerializer,
    InitiativeSerializer,
)
from .filters import OutcomeFilterSet


@schema_summaries("initiatives", list="List desired outcomes", retrieve="One desired outcome")
class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = DesiredOutcome.objects.select_related("masterplan")
    serializer_class = DesiredOutcomeSerializer
    filterset_class = OutcomeFilterSet


@transaction.atomic
def _save_initiative(serializer, *, user) -> Initiative:
    """Save an initiative through the services, then its partner roles and outcomes, as one."""
    data, version = without_version(serializer.validated_data)
    partner_roles = data.pop("partner_roles", None)
    outcomes = data.pop("outcomes", None)
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


@officer_summaries(
    "initiatives",
    "initiative",
    article="an",
    list="List initiatives (same filters as the initiatives page)",
    retrieve="One initiative with its timeline of mentions",
)
class InitiativeViewSet(OfficerSlugViewSet):
    """Initiatives by slug. The status is read-only: it follows mentions and progress updates."""

    filterset_class = InitiativeFilterSet

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
