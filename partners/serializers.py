"""REST representations of partners: referenced by slug everywhere, as in the page URLs."""

from __future__ import annotations

from rest_framework import serializers

from tracker.api import LinesField, PageRecordSerializer, refuse_own_ancestor

from .models import Partner


class PartnerSerializer(PageRecordSerializer):
    """A member state, dialogue partner, organisation or ASEAN body named in statements."""

    aliases = LinesField(help_text="Other names used in statements.")
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Partner.objects.all(), allow_null=True, required=False
    )
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "label",
            "kind",
            "parent",
            "country_code",
            "member_since",
            "aliases",
            "description",
            "website",
            "web_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "slug", "created_at", "updated_at"]
        extra_kwargs = {"slug": {"help_text": "Made from the short name or name; never changes."}}

    def validate_parent(self, value: Partner | None) -> Partner | None:
        return refuse_own_ancestor(value, self.instance, "A partner cannot sit under itself.")

    def validate(self, attrs: dict) -> dict:
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        member_since = attrs.get("member_since", getattr(self.instance, "member_since", None))
        if member_since and kind != "member_state":
            raise serializers.ValidationError(
                {"member_since": "Only a member state has a membership date."}
            )
        return attrs
