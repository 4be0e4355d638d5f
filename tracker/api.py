"""What every endpoint of the REST API shares: pagination, role-based write rules, docs, versions.

Reads are open to every authenticated role (settings.REST_FRAMEWORK makes IsAuthenticated the
default); the classes here add who may write, asking tracker/permissions.py as the pages do.
"""

from __future__ import annotations

from contextlib import contextmanager

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, pagination, permissions, serializers

from tracker import permissions as gate
from tracker.history import ConcurrentEditError

# Slugs in API paths: anything else is a 404 before it reaches the database.
SLUG_PATTERN = "[-a-zA-Z0-9_]+"


class FilterBackend(DjangoFilterBackend):
    """django-filter, refusing NUL characters (PostgreSQL cannot compare text holding them)."""

    def filter_queryset(self, request, queryset, view):
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise serializers.ValidationError({key: "Null characters are not allowed."})
        return super().filter_queryset(request, queryset, view)


def schema_summaries(tag: str, **summaries: str):
    """A viewset's actions as the interactive docs show them: one summary each, under one tag."""
    return extend_schema_view(
        **{action: extend_schema(summary=text, tags=[tag]) for action, text in summaries.items()}
    )


def officer_summaries(tag: str, record: str, *, article: str = "a", **overrides: str):
    """schema_summaries for a full viewset whose writes are the officers': the usual wording
    (List, One, Add, Replace, Change, Delete) unless an action says more in `overrides`."""
    summaries = {
        "list": f"List {tag}",
        "retrieve": f"One {record}",
        "create": f"Add {article} {record} (officers)",
        "update": f"Replace {article} {record} (officers)",
        "partial_update": f"Change {article} {record} (officers)",
        "destroy": f"Delete {article} {record} (officers)",
    }
    return schema_summaries(tag, **{**summaries, **overrides})


class TextSearchFilter(django_filters.CharFilter):
    """`?q=`: the rows where any of the named fields contains the text (any case); blank: all."""

    def __init__(self, *fields: str, **kwargs):
        self.search_fields = fields
        super().__init__(**kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        matches = Q()
        for name in self.search_fields:
            matches |= Q(**{f"{name}__icontains": value})
        return qs.filter(matches)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (at most 500), so a script can fetch a list in few requests."""

    page_size_query_param = "page_size"
    max_page_size = 500


class IsOfficerOrReadOnly(permissions.IsAuthenticated):
    """Any authenticated role reads; only secretariat officers and admins write."""

    message = gate.MSG_OFFICERS_ONLY.format(what="tracking records")

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or gate.can_edit_records(request.user)


class LinesField(serializers.ListField):
    """A text field stored one item per line (aliases, source URLs), shown as a list of strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=500, allow_blank=False))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, value: str) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def to_internal_value(self, data) -> str:
        items = super().to_internal_value(data)
        for item in items:
            if "\n" in item or "\r" in item:
                raise serializers.ValidationError("An item may not contain a line break.")
        return "\n".join(item.strip() for item in items if item.strip())


def version_field(help_text: str = "") -> serializers.IntegerField:
    """The `version` a client sends back so that a save by someone else since is a 409."""
    return serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=help_text
        or (
            "Bumped on every edit. Send back the version you read to have the edit refused "
            "(409, with who changed what since) if someone else saved in between; leave it out "
            "to overwrite."
        ),
    )


# A record with a page of its own on the site; `web_url` is that page's address. Each subclass
# still names it in Meta.fields, which sets where it stands. No docstring: the schema would show
# it as the description of a serializer that has none of its own.
class PageRecordSerializer(serializers.ModelSerializer):
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)


def refuse_own_ancestor(value, instance, message: str):
    """A record's proposed parent, unless walking up from it meets the record (a loop)."""
    node = value
    while node is not None and instance is not None:
        if node.pk == instance.pk:
            raise serializers.ValidationError(message)
        node = node.parent
    return value


def without_version(validated_data: dict) -> tuple[dict, int | None]:
    """(the fields to save, the version the client read): services take the version apart."""
    data = dict(validated_data)
    return data, data.pop("version", None)


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The record was changed by someone else after you read it."
    default_code = "conflict"


@contextmanager
def service_errors():
    """Turn a service's refusals into API answers: 400 for invalid data, 409 for a lost race.

    (A Django PermissionDenied needs nothing: DRF already answers it with 403.)
    """
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise serializers.ValidationError(detail) from error
    except ConcurrentEditError as error:
        raise Conflict(
            {
                "detail": str(error),
                "changed_by": error.changed_by,
                "changes": [
                    {"field": c.field, "before": c.before, "after": c.after} for c in error.changes
                ],
            }
        ) from error
