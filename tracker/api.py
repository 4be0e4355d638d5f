"""What every endpoint of the REST API shares: pagination and the role-based write rules.

Reads are open to every authenticated role (settings.REST_FRAMEWORK makes IsAuthenticated the
default); the classes here add who may write, asking tracker/permissions.py as the pages do.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
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
