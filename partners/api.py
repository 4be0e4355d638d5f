"""REST endpoints for partners: /api/partners/ (read by every role, written by officers)."""

from __future__ import annotations

import django_filters
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response

from tracker.api import (
    TextSearchFilter,
    officer_summaries,
    service_errors,
)
from tracker.viewsets import OfficerSlugViewSet

from . import services
from .choices import PartnerKind
from .models import Partner
from .serializers import PartnerSerializer


class PartnerFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=PartnerKind.choices)
    parent = django_filters.CharFilter(field_name="parent__slug", label="Parent (slug)")
    q = TextSearchFilter(
        "name", "short_name", "aliases", label="Name, short name or alias contains"
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("updated_at", "updated"))
    )

    class Meta:
        model = Partner
        fields = ["kind", "parent", "country_code"]


@officer_summaries("partners", "partner", destroy="Delete an unused partner (officers)")
class PartnerViewSet(OfficerSlugViewSet):
    """Member states, dialogue partners, organisations and ASEAN bodies, by slug."""

    queryset = Partner.objects.select_related("parent").order_by("name")
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = services.partner_create(
                user=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer):
        with service_errors():
            serializer.instance = services.partner_update(
                partner=serializer.instance,
                user=self.request.user,
                seen_history_id=None,
                **serializer.validated_data,
            )

    def destroy(self, request, *args, **kwargs):
        partner = self.get_object()
        try:
            partner.delete()
        except (ProtectedError, RestrictedError):
            return Response(
                {"detail": "This partner is still referred to (meetings, notes or profiles)."},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
