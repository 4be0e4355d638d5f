"""Mentions of initiatives at meetings, and progress updates and country notes between them."""

from __future__ import annotations

from rest_framework import serializers

from partners.models import Partner
from tracker.api import version_field

from ..choices import Status
from ..models import Initiative, Meeting, Mention, Paragraph, ProgressUpdate
from .fields import MENTION_READING, SaneDatesMixin


class MentionSerializer(SaneDatesMixin, serializers.ModelSerializer):
    """An initiative named at a meeting, with the ministers' phrase and the status it implies."""

    meeting = serializers.SlugRelatedField(slug_field="slug", queryset=Meeting.objects.all())
    initiative = serializers.SlugRelatedField(slug_field="slug", queryset=Initiative.objects.all())
    paragraph = serializers.PrimaryKeyRelatedField(
        queryset=Paragraph.objects.select_related("statement"),
        allow_null=True,
        required=False,
        help_text="Id of the statement paragraph; blank for a mention known from public reports.",
    )
    paragraph_number = serializers.IntegerField(
        source="paragraph.number", read_only=True, allow_null=True
    )
    status = serializers.ChoiceField(
        choices=Status.choices, allow_blank=True, required=False, default=""
    )
    replaced_by = serializers.PrimaryKeyRelatedField(
        queryset=Mention.objects.all(),
        allow_null=True,
        required=False,
        help_text="Id of the statement quotation that replaced this report (kept as a second "
        "source; it no longer counts).",
    )

    class Meta:
        model = Mention
        fields = [
            "id",
            "meeting",
            "initiative",
            "paragraph",
            "paragraph_number",
            *MENTION_READING,
            "evidence",
            "source_url",
            "publisher",
            "confidence",
            "note",
            "replaced_by",
            "needs_review",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        validators: list = []  # uniqueness is checked in validate() with a readable message

    def validate(self, attrs: dict) -> dict:
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        meeting, paragraph, initiative = (
            current("meeting"),
            current("paragraph"),
            current("initiative"),
        )
        if paragraph is not None and paragraph.statement.meeting_id != meeting.pk:
            raise serializers.ValidationError(
                {"paragraph": "The paragraph belongs to another meeting's statement."}
            )
        clash = Mention.objects.filter(meeting=meeting, initiative=initiative, paragraph=paragraph)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(
                "This initiative is already mentioned there; edit that mention instead."
            )
        return attrs


class ProgressUpdateSerializer(SaneDatesMixin, serializers.ModelSerializer):
    """Progress recorded between meetings; with a member state, that state's country note."""

    initiative = serializers.SlugRelatedField(slug_field="slug", queryset=Initiative.objects.all())
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    member_state = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Partner.objects.member_states(),
        allow_null=True,
        required=False,
        help_text="Set for a country note: the member state it speaks for.",
    )
    status = serializers.ChoiceField(
        choices=Status.choices,
        allow_blank=True,
        required=False,
        default="",
        help_text="Blank when the update does not change the status (always blank on a note).",
    )
    percent_complete = serializers.IntegerField(
        min_value=0, max_value=100, allow_null=True, required=False
    )
    is_country_note = serializers.BooleanField(read_only=True)
    version = version_field()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "initiative",
            "date",
            "status",
            "percent_complete",
            "summary",
            "evidence_url",
            "member_state",
            "is_country_note",
            "is_example",
            "author",
            "withdrawn_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "author",
            "is_example",
            "withdrawn_at",
            "created_at",
            "updated_at",
        ]
