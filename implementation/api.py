"""REST endpoint of member-state implementation records, registered in tracker/api_urls.py.

/api/implementation-records/  ?state=malaysia&initiative=mccs&stage=implemented&verification=queried

Every role reads. A focal point creates and changes their own member state's records (a change
to a verified record sets it back to unverified); officers and admins write any, and alone set
`verification` (verified, queried with a `query_reason`, or unverified). Send back the `version`
you read to have a concurrent edit refused with 409 and what changed.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from initiatives.models import Initiative
from partners.models import Partner
from tracker import permissions as gate
from tracker.api import PageRecordSerializer, service_errors

from . import services
from .choices import Verification
from .filtersets import ImplementationRecordFilterSet
from .models import ImplementationRecord

RECORD_FIELDS = services.RECORD_FIELDS


class ImplementationRecordSerializer(PageRecordSerializer):
    initiative = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Initiative.objects.filter(national_scope__implemented_nationally=True),
        help_text="Slug of an initiative marked as implemented nationally.",
    )
    member_state = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Partner.objects.member_states(),
        required=False,
        help_text="Slug of the member state; a focal point's own state when left out.",
    )
    verified_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Send back the version you read: a save by someone else since then is a 409.",
    )

    class Meta:
        model = ImplementationRecord
        fields = [
            "id",
            "initiative",
            "member_state",
            *RECORD_FIELDS,
            "verification",
            "query_reason",
            "verified_by",
            "verified_at",
            "updated_by",
            "is_example",
            "version",
            "web_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["verified_at", "is_example", "created_at", "updated_at"]
        validators = []  # one record per state and initiative: the service answers a duplicate
        extra_kwargs = {"verification": {"required": False}, "query_reason": {"required": False}}


class ImplementationRecordPermission(permissions.IsAuthenticated):
    """Reads for every role; writes by officers, or by a focal point for their own state."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS or gate.can_edit_records(request.user):
            return True
        if gate.note_state_of(request.user) is None:
            self.message = (
                gate.MSG_NO_STATE
                if gate.roles.is_focal_point(request.user)
                else (gate.MSG_OFFICERS_ONLY.format(what="implementation records"))
            )
            return False
        return True

    def has_object_permission(self, request, view, obj: ImplementationRecord) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not gate.can_write_implementation(request.user, obj.member_state):
            self.message = gate.MSG_IMPLEMENTATION_OTHER_STATE.format(
                state=obj.member_state.label, own=""
            )
            return False
        return True


@extend_schema_view(
    list=extend_schema(summary="Implementation records, filtered", tags=["implementation"]),
    retrieve=extend_schema(summary="One implementation record", tags=["implementation"]),
    create=extend_schema(summary="Report a member state's stage", tags=["implementation"]),
    update=extend_schema(summary="Change a record (or verify it)", tags=["implementation"]),
    partial_update=extend_schema(summary="Change part of a record", tags=["implementation"]),
)
class ImplementationRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = ImplementationRecord.objects.select_related(
        "initiative", "member_state", "verified_by", "updated_by"
    ).order_by("initiative__name", "member_state__name")
    serializer_class = ImplementationRecordSerializer
    permission_classes = [ImplementationRecordPermission]
    filterset_class = ImplementationRecordFilterSet

    def _verification_change(self, data: dict, record: ImplementationRecord | None) -> dict:
        wanted = {k: data.pop(k) for k in ("verification", "query_reason") if k in data}
        current = record.verification if record else Verification.UNVERIFIED
        changes = wanted.get("verification", current) != current or (
            "query_reason" in wanted and record and wanted["query_reason"] != record.query_reason
        )
        if changes and not gate.can_verify_implementation(self.request.user):
            raise PermissionDenied(gate.MSG_IMPLEMENTATION_VERIFY)
        return wanted if changes else {}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        state = data.pop("member_state", None) or gate.note_state_of(self.request.user)
        if state is None:
            raise serializers.ValidationError({"member_state": "Name the member state."})
        initiative = data.pop("initiative")
        data.pop("version", None)
        verification = self._verification_change(data, None)
        with service_errors():
            record = services.implementation_record_save(
                initiative=initiative,
                member_state=state,
                user=self.request.user,
                expected_version=0,  # a record someone else created meanwhile is a conflict
                **{k: v for k, v in data.items() if k in RECORD_FIELDS},
            )
            if verification:
                record = services.implementation_record_set_verification(
                    record=record,
                    user=self.request.user,
                    verification=verification.get("verification", record.verification),
                    reason=verification.get("query_reason", ""),
                )
        serializer.instance = record

    def perform_update(self, serializer):
        record = serializer.instance
        data = dict(serializer.validated_data)
        for name in ("initiative", "member_state"):
            if name in data and data.pop(name) != getattr(record, name):
                raise serializers.ValidationError({name: "Fixed once recorded."})
        version = data.pop("version", None)
        verification = self._verification_change(data, record)
        fields = {k: v for k, v in data.items() if k in RECORD_FIELDS}
        with service_errors():
            if fields:
                record = services.implementation_record_save(
                    initiative=record.initiative,
                    member_state=record.member_state,
                    user=self.request.user,
                    expected_version=version,
                    **fields,
                )
                version = record.version
            if verification:
                record = services.implementation_record_set_verification(
                    record=record,
                    user=self.request.user,
                    verification=verification.get("verification", record.verification),
                    reason=verification.get("query_reason", record.query_reason),
                    expected_version=version,
                )
        serializer.instance = record
