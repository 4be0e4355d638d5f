"""GET /api/meetings/<slug>/briefing/: the briefing pack's content as JSON.

The body is BriefingPack.to_json(); the serializers below only describe it for the OpenAPI
schema (drf-spectacular), field for field, so the documentation and the output cannot drift
apart without tests/briefings/test_api.py noticing.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from initiatives.permissions import get_meeting_for_user

from .forms import PackFilterForm
from .selectors import briefing_pack


class MeetingRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text='e.g. "7th ADGMIN"')
    title = serializers.CharField()
    when = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    is_planned = serializers.BooleanField()
    venue = serializers.CharField()
    url = serializers.CharField()


class LastWordsSerializer(serializers.Serializer):
    meeting = serializers.CharField()
    meeting_date = serializers.DateField(allow_null=True)
    evidence = serializers.ChoiceField(
        choices=["statement", "report", "officer"],
        help_text="A statement quotation, a public report of the meeting, or an officer's entry.",
    )
    phrase = serializers.CharField()
    status = serializers.CharField()
    quotation = serializers.CharField(help_text="Empty when the evidence is not a statement.")
    paragraph = serializers.IntegerField(allow_null=True)
    link = serializers.CharField(help_text="The paragraph on the meeting page, or the report.")
    source_url = serializers.CharField()
    publisher = serializers.CharField()
    confidence = serializers.CharField()


class UpdateSerializer(serializers.Serializer):
    date = serializers.DateField()
    status = serializers.CharField()
    percent_complete = serializers.IntegerField(allow_null=True)
    summary = serializers.CharField()
    evidence_url = serializers.CharField()
    member_state = serializers.CharField(help_text="Set for a country note.")
    initiative = serializers.CharField()
    initiative_slug = serializers.CharField()


class InitiativeNamedSerializer(serializers.Serializer):
    """How the pack names an initiative wherever it lists one."""

    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    url = serializers.CharField()


class InitiativeBriefSerializer(InitiativeNamedSerializer):
    acronym = serializers.CharField()
    lead_body = serializers.CharField()
    partners = serializers.ListField(child=serializers.CharField())
    outcomes = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(help_text="The status that holds on the eve of the meeting.")
    status_label = serializers.CharField()
    status_since = serializers.DateField(allow_null=True)
    last_words = LastWordsSerializer(allow_null=True)
    updates = UpdateSerializer(many=True, help_text="Progress updates since the last meeting.")
    expected_text = serializers.CharField()
    expected_date = serializers.DateField(allow_null=True)
    due = serializers.ChoiceField(choices=["overdue", "due", ""])
    silent_meetings = serializers.IntegerField(
        help_text="Meetings of the series without a word since the last mention, this one included."
    )
    change = serializers.CharField(help_text="What the last meeting changed: new, advanced, ...")
    section = serializers.ChoiceField(choices=["own", "partners"])


class ChangeItemSerializer(InitiativeNamedSerializer):
    before = serializers.CharField()
    after = serializers.CharField()


class CountryNotesSerializer(serializers.Serializer):
    member_state = serializers.CharField()
    notes = UpdateSerializer(many=True)


class WorkPlanItemSerializer(serializers.Serializer):
    partner = serializers.CharField()
    latest = serializers.CharField()
    latest_slug = serializers.CharField()
    latest_year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    renewal_year = serializers.IntegerField()


class FiltersSerializer(serializers.Serializer):
    kinds = serializers.ListField(child=serializers.CharField())
    outcomes = serializers.ListField(child=serializers.CharField())
    partner = serializers.CharField()
    lead_body = serializers.CharField()
    only_changed = serializers.BooleanField()


class BriefingPackSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Version of this layout.")
    meeting = MeetingRefSerializer()
    last_meeting = MeetingRefSerializer(allow_null=True)
    as_on = serializers.DateField(help_text="The day whose record the pack reads.")
    generated_at = serializers.DateTimeField()
    filters = FiltersSerializer()
    changes = ChangeItemSerializer(many=True)
    initiatives = InitiativeBriefSerializer(many=True)
    due = serializers.ListField(child=serializers.CharField(), help_text="Slugs, overdue first.")
    silent = serializers.ListField(child=serializers.CharField(), help_text="Slugs.")
    countries = CountryNotesSerializer(many=True)
    work_plans = WorkPlanItemSerializer(many=True)


class MeetingBriefingView(APIView):
    """The briefing pack of a meeting; every signed-in role reads it."""

    @extend_schema(
        summary="The briefing pack of a meeting",
        tags=["meetings"],
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, many=True, description="Initiative kind"),
            OpenApiParameter("outcome", OpenApiTypes.STR, many=True, description="Outcome code"),
            OpenApiParameter("partner", OpenApiTypes.STR, description="Partner slug"),
            OpenApiParameter("lead", OpenApiTypes.STR, description="Lead body (partner slug)"),
            OpenApiParameter("changed", OpenApiTypes.BOOL, description="Only what changed"),
        ],
        responses=BriefingPackSerializer,
    )
    def get(self, request, slug: str):
        meeting = get_meeting_for_user(request.user, slug)
        filters = PackFilterForm(request.query_params).filters()
        return Response(briefing_pack(meeting, filters).to_json())
