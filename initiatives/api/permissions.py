"""Who writes progress updates through the API: the one endpoint open to focal points."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import permissions

from tracker import permissions as gate

from ..models import ProgressUpdate


class ProgressUpdatePermission(permissions.IsAuthenticated):
    """Officers write any update; a focal point writes only their own state's country notes."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        user = request.user
        if request.method in permissions.SAFE_METHODS or gate.can_edit_records(user):
            return True
        try:
            gate.require_note_writer(user)
        except DjangoPermissionDenied as refusal:
            self.message = str(refusal)
            return False
        return True

    def has_object_permission(self, request, view, obj: ProgressUpdate) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not gate.can_change_update(request.user, obj):
            self.message = gate.explain_update_refusal(request.user, obj)
            return False
        return True
