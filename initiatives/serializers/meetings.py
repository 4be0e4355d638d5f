"""Meetings, the statements issued at them, their paragraphs, and what a meeting changed."""

from __future__ import annotations

from rest_framework import serializers

from tracker.api import LinesField, PageRecordSerializer
from tracker.text import text_checksum

from ..models import Meeting, Paragraph, Statement
from ..services import MEETING_FIELDS
from ..status import CHANGE_LABELS
from .fields import SMALL_INT, HistoryVersionField, SaneDatesMixin, partner_slug_field


class MeetingSerializer(SaneDatesMixin, PageRecordSerializer):
    """A meeting of a series, held or planned, with its host, chair and vice-chair."""

    short_name = serializers.CharField(read_only=True)
    when = serializers.CharField(read_only=True, help_text="Dates for display.")
    host = partner_slug_field()
    chair_country = partner_slug_field()
    vice_chair_country = partner_slug_field()
    sources = LinesField(child=serializers.URLField(max_length=500))
    statements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    version = HistoryVersionField(
        allow_null=True,
        help_text=(
            "Moves on with every save. Send back the version you read to have the edit refused "
            "(409, with who changed what since) if someone else saved in between; leave it out "
            "to overwrite."
        ),
    )

    class Meta:
        model = Meeting
        # What the services write (and the form edits), then what is read only.
        fields = [
            "id",
            "slug",
            *MEETING_FIELDS,
            "short_name",
            "when",
            "statements",
            "version",
            "web_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "slug", "created_at", "updated_at"]
        extra_kwargs = {
            "number": {"min_value": 1, "max_value": 999},
            "slug": {"help_text": 'Made from series and number ("adgmin-3"); never changes.'},
        }

    def validate(self, attrs: dict) -> dict:
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        start, end = current("start_date"), current("end_date")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The meeting cannot end before it starts."}
            )
        series, number = current("series"), current("number")
        clash = Meeting.objects.filter(series=series, number=number)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if series and number and clash.exists():
            raise serializers.ValidationError(
                {"number": f"There is already a meeting {number} of the {series} series."}
            )
        return attrs


class ParagraphSerializer(serializers.ModelSerializer):
    """A numbered paragraph of a statement, with the section heading it sits under."""

    class Meta:
        model = Paragraph
        fields = ["id", "statement", "number", "section", "text"]
        read_only_fields = fields


class StatementParagraphSerializer(serializers.ModelSerializer):
    """A paragraph as written inside its statement (the statement is implied)."""

    id = serializers.IntegerField(read_only=True)

    class Meta:
        model = Paragraph
        fields = ["id", "number", "section", "text"]
        extra_kwargs = {"number": SMALL_INT}


class StatementSerializer(SaneDatesMixin, serializers.ModelSerializer):
    """A document issued at a meeting, verbatim, with the paragraphs it was split into."""

    meeting = serializers.SlugRelatedField(slug_field="slug", queryset=Meeting.objects.all())
    paragraphs = StatementParagraphSerializer(many=True)
    imported_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "meeting",
            "kind",
            "title",
            "issued_on",
            "source_url",
            "source_filename",
            "source_format",
            "checksum",
            "imported_by",
            "text",
            "paragraphs",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "checksum", "imported_by", "created_at", "updated_at"]
        # The (meeting, kind) pair is checked in validate() with a readable message.
        validators: list = []

    def validate_paragraphs(self, value: list[dict]) -> list[dict]:
        numbers = [p["number"] for p in value]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            raise serializers.ValidationError(f"Paragraph numbers repeat: {duplicates}.")
        return value

    def validate(self, attrs: dict) -> dict:
        meeting, kind = (
            attrs["meeting"],
            attrs.get("kind", Statement._meta.get_field("kind").default),
        )
        if Statement.objects.filter(meeting=meeting, kind=kind).exists():
            raise serializers.ValidationError(
                {"kind": f"The {meeting.short_name} already has a statement of this kind."}
            )
        if Statement.objects.filter(checksum=text_checksum(attrs["text"])).exists():
            raise serializers.ValidationError({"text": "This exact text is already stored."})
        return attrs


class MeetingChangeSerializer(serializers.Serializer):
    """One initiative in a meeting's comparison with the previous meeting of its series."""

    kind = serializers.ChoiceField(
        choices=[(k.value, label) for k, label in CHANGE_LABELS.items()],
        help_text="new, returned, advanced, regressed, unchanged or silent (went silent).",
    )
    initiative = serializers.CharField(source="initiative.slug")
    name = serializers.CharField(source="initiative.name")
    before = serializers.CharField(
        allow_null=True, help_text="The status that held on the eve of the meeting."
    )
    after = serializers.CharField(
        allow_null=True, help_text="The status that holds at the meeting (null: not mentioned)."
    )
    last_seen = serializers.CharField(help_text="For returned: where it was last mentioned.")


class MeetingChangesSerializer(serializers.Serializer):
    meeting = serializers.CharField(source="meeting.slug")
    previous = serializers.CharField(source="previous.slug", allow_null=True, default=None)
    changes = MeetingChangeSerializer(many=True)
