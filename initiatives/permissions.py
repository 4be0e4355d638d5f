"""The initiatives app's records fetched through tracker's permission gate.

tracker/permissions.py holds the rules (who may view or change what) and knows no app above it;
these lookups hand it this app's querysets: 404 for a record the user may not see, 403 with a
message for a change they may not make.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tracker.permissions import (
    VIEW,
    can_change_update,
    explain_update_refusal,
    get_for_user,
    restrict,
)

from .models import Initiative, Meeting, ProgressUpdate


def get_initiative_for_user(user, slug: str, action: str = VIEW) -> Initiative:
    return get_for_user(Initiative.objects.all(), user, action, what="initiatives", slug=slug)


def get_meeting_for_user(user, slug: str, action: str = VIEW) -> Meeting:
    return get_for_user(Meeting.objects.all(), user, action, what="meetings", slug=slug)


def get_update_for_user(user, pk: int, action: str = VIEW) -> ProgressUpdate:
    """A progress update or country note; a refused change says whose note it is and why."""
    queryset = ProgressUpdate.objects.select_related("initiative", "member_state", "author")
    update = get_object_or_404(restrict(queryset, user, VIEW), pk=pk)
    if action != VIEW and not can_change_update(user, update):
        raise PermissionDenied(explain_update_refusal(user, update))
    return update
