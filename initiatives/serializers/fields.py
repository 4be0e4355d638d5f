"""Fields and limits the initiatives app's serializers share."""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from partners.models import Partner
from tracker.history import latest_history_id
from tracker.security import validate_sane_date


class SaneDatesMixin:
    """Every date a client sends lies between 1990 and 2100 (tracker.security's range)."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if type(model_field) is models.DateField:
            kwargs["validators"] = [*kwargs.get("validators", []), validate_sane_date]
        return field_class, kwargs


def partner_slug_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("allow_null", True)
    kwargs.setdefault("required", False)
    return serializers.SlugRelatedField(slug_field="slug", queryset=Partner.objects.all(), **kwargs)


# What a mention says, as the importer read it or an officer corrected it: shown the same way in
# a mention and in an initiative's timeline.
MENTION_READING = (
    "phrase",
    "matched_text",
    "status",
    "expected_date",
    "expected_text",
    "is_confirmed",
)
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
