"""Initiatives, the partners and desired outcomes they name, and their timeline of mentions."""

from __future__ import annotations

from rest_framework import serializers

from partners.models import Partner
from tracker import roles
from tracker.api import LinesField, PageRecordSerializer, refuse_own_ancestor, version_field

from ..choices import PartnerRole
from ..models import DesiredOutcome, Initiative, InitiativePartner, Mention
from .fields import MENTION_READING, YEAR_RANGE, SaneDatesMixin, partner_slug_field


class DesiredOutcomeSerializer(serializers.ModelSerializer):
    """A desired outcome of a masterplan (DO1-DO8 of ADM 2025)."""

    masterplan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = DesiredOutcome
        fields = ["id", "masterplan", "code", "title"]
        read_only_fields = fields


class InitiativePartnerSerializer(serializers.Serializer):
    """A partner of an initiative and the role it plays."""

    partner = serializers.SlugRelatedField(slug_field="slug", queryset=Partner.objects.all())
    role = serializers.ChoiceField(choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    def to_representation(self, instance: InitiativePartner) -> dict:
        return {"partner": instance.partner.slug, "role": instance.role}


class TimelineEntrySerializer(serializers.ModelSerializer):
    """One cell of an initiative's timeline: what a meeting said about it."""

    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    meeting_name = serializers.CharField(source="meeting.short_name", read_only=True)
    meeting_date = serializers.DateField(source="meeting.start_date", read_only=True)
    meeting_is_planned = serializers.BooleanField(source="meeting.is_planned", read_only=True)
    paragraph_number = serializers.IntegerField(
        source="paragraph.number", read_only=True, allow_null=True
    )
    paragraph_text = serializers.CharField(source="paragraph.text", read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "meeting",
            "meeting_name",
            "meeting_date",
            "meeting_is_planned",
            "paragraph",
            "paragraph_number",
            "paragraph_text",
            *MENTION_READING,
            "source_url",
        ]
        read_only_fields = fields


class InitiativeSerializer(SaneDatesMixin, PageRecordSerializer):
    """An initiative. Its status is read-only: it follows mentions and progress updates."""

    aliases = LinesField(help_text="Other names used in statements.")
    sources = LinesField(child=serializers.URLField(max_length=500))
    label = serializers.CharField(read_only=True)
    lead_body = partner_slug_field()
    work_plan_partner = partner_slug_field()
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Initiative.objects.all(), allow_null=True, required=False
    )
    outcomes = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=DesiredOutcome.objects.all(),
        required=False,
        help_text="Ids of the desired outcomes served (see /api/outcomes/).",
    )
    partners = InitiativePartnerSerializer(
        many=True, source="partner_roles", required=False, help_text="Partners and their roles."
    )
    owner = serializers.SlugRelatedField(
        slug_field="username",
        queryset=roles.initiative_owner_candidates(),
        allow_null=True,
        required=False,
        help_text="Username of an active secretariat officer or admin.",
    )
    version = version_field()
    mention_count = serializers.IntegerField(read_only=True)
    last_mentioned_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Start of the latest held meeting naming it."
    )
    last_update_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Date of the latest officer progress update."
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "slug",
            "name",
            "acronym",
            "label",
            "aliases",
            "kind",
            "description",
            "status",
            "status_changed_on",
            "period_start",
            "period_end",
            "expected_date",
            "expected_text",
            "lead_body",
            "partners",
            "work_plan_partner",
            "work_plan_year",
            "parent",
            "outcomes",
            "owner",
            "sources",
            "mention_count",
            "last_mentioned_on",
            "last_update_on",
            "version",
            "web_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "slug",
            "status",
            "status_changed_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "slug": {"help_text": "Made from the acronym or name; never changes."},
            "period_start": YEAR_RANGE,
            "period_end": YEAR_RANGE,
            "work_plan_year": YEAR_RANGE,
        }

    def validate_parent(self, value: Initiative | None) -> Initiative | None:
        return refuse_own_ancestor(value, self.instance, "An initiative cannot sit under itself.")

    def validate_partners(self, value: list[dict]) -> list[dict]:
        for item in value:  # a PATCH skips the nested default
            item.setdefault("role", PartnerRole.PARTNER)
        pairs = [(item["partner"].pk, item["role"]) for item in value]
        if len(pairs) != len(set(pairs)):
            raise serializers.ValidationError("A partner is listed twice with the same role.")
        return value

    def validate(self, attrs: dict) -> dict:
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        start, end = current("period_start"), current("period_end")
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": "The period ends before it starts."})
        return attrs


class InitiativeDetailSerializer(InitiativeSerializer):
    """One initiative with its timeline: every mention in meeting order."""

    timeline = TimelineEntrySerializer(many=True, read_only=True, source="mentions")
    children = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta(InitiativeSerializer.Meta):
        fields = [*InitiativeSerializer.Meta.fields, "children", "timeline"]
