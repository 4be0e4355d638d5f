"""REST representations of meetings, statements, initiatives, mentions and progress updates.

Records point at each other by slug where they have one (meetings, initiatives, partners), as
the page URLs do, so that a client can go from an API answer to a page and back.
"""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from partners.models import Partner
from partners.serializers import PartnerRefSerializer
from tracker import roles
from tracker.api import LinesField
from tracker.history import latest_history_id
from tracker.security import validate_sane_date

from .choices import PartnerRole, Status
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
from .services import text_checksum
from .status import CHANGE_LABELS


class SaneDatesMixin:
    """Every date a client sends lies between 1990 and 2100 (tracker.security's range)."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if type(model_field) is models.DateField:
            kwargs["validators"] = [*kwargs.get("validators", []), validate_sane_date]
        return field_class, kwargs


def _partner_slug_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("allow_null", True)
    kwargs.setdefault("required", False)
    return serializers.SlugRelatedField(slug_field="slug", queryset=Partner.objects.all(), **kwargs)


# ------------------------------------------------------------------------------
# Meetings, statements, paragraphs
# ------------------------------------------------------------------------------
# Years an initiative may name: ASEAN's founding to a horizon no plan reaches.
YEAR_RANGE = {"min_value": 1967, "max_value": 2100}
# PositiveSmallIntegerField holds up to 32767 on PostgreSQL; SQLite would take more silently.
SMALL_INT = {"min_value": 0, "max_value": 32767}


class HistoryVersionField(serializers.IntegerField):
    """A meeting's version: the id of its newest history row, which every save moves on."""

    def __init__(self, **kwargs):
        super().__init__(source="*", required=False, **kwargs)

    def to_representation(self, instance) -> int | None:
        if hasattr(instance, "history_version"):
            return instance.history_version
        return latest_history_id(instance)

    def to_internal_value(self, data) -> dict:
        value = super().to_internal_value(data)
        if value < 1:
            raise serializers.ValidationError("A version is a positive number.")
        return {"version": value}


class MeetingSerializer(SaneDatesMixin, serializers.ModelSerializer):
    """A meeting of a series, held or planned, with its host, chair and vice-chair."""

    short_name = serializers.CharField(read_only=True)
    when = serializers.CharField(read_only=True, help_text="Dates for display.")
    host = _partner_slug_field()
    chair_country = _partner_slug_field()
    vice_chair_country = _partner_slug_field()
    sources = LinesField(child=serializers.URLField(max_length=500))
    statements = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)
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
        fields = [
            "id",
            "slug",
            "series",
            "number",
            "title",
            "short_name",
            "is_planned",
            "start_date",
            "end_date",
            "date_text",
            "when",
            "venue",
            "host",
            "chair_name",
            "chair_title",
            "chair_country",
            "vice_chair_name",
            "vice_chair_title",
            "vice_chair_country",
            "theme",
            "declaration",
            "sources",
            "notes",
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


# ------------------------------------------------------------------------------
# Initiatives and what hangs off them
# ------------------------------------------------------------------------------
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
            "phrase",
            "matched_text",
            "status",
            "expected_date",
            "expected_text",
            "is_confirmed",
            "source_url",
        ]
        read_only_fields = fields


class InitiativeSerializer(SaneDatesMixin, serializers.ModelSerializer):
    """An initiative. Its status is read-only: it follows mentions and progress updates."""

    aliases = LinesField(help_text="Other names used in statements.")
    sources = LinesField(child=serializers.URLField(max_length=500))
    label = serializers.CharField(read_only=True)
    lead_body = _partner_slug_field()
    work_plan_partner = _partner_slug_field()
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
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "Bumped on every edit. Send back the version you read to have the edit refused "
            "(409, with who changed what since) if someone else saved in between; leave it out "
            "to overwrite."
        ),
    )
    mention_count = serializers.IntegerField(read_only=True)
    last_mentioned_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Start of the latest held meeting naming it."
    )
    last_update_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Date of the latest officer progress update."
    )
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

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
        node = value
        while node is not None and self.instance is not None:
            if node.pk == self.instance.pk:
                raise serializers.ValidationError("An initiative cannot sit under itself.")
            node = node.parent
        return value

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
            "phrase",
            "matched_text",
            "status",
            "expected_date",
            "expected_text",
            "is_confirmed",
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
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "Bumped on every edit. Send back the version you read to have the edit refused "
            "(409, with who changed what since) if someone else saved in between; leave it out "
            "to overwrite."
        ),
    )

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


class InitiativeRefSerializer(serializers.ModelSerializer):
    """An initiative named inside another record."""

    class Meta:
        model = Initiative
        fields = ["slug", "name", "acronym", "status"]
        read_only_fields = fields


__all__ = [
    "DesiredOutcomeSerializer",
    "InitiativeDetailSerializer",
    "InitiativeRefSerializer",
    "InitiativeSerializer",
    "MeetingSerializer",
    "MentionSerializer",
    "ParagraphSerializer",
    "PartnerRefSerializer",
    "ProgressUpdateSerializer",
    "StatementSerializer",
    "TimelineEntrySerializer",
]


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
