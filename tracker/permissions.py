"""Who may do what: the one place that answers it.

Roles come from tracker/roles.py. Reading is open to every signed-in user (and, when
settings.PUBLIC_READ_ONLY is on, to anonymous visitors on the pages listed in PUBLIC_READ_VIEWS).
Writing tracking records is for secretariat officers and admins; a focal point writes only the
country notes of their own member state; managing users is for admins.

Views ask through `restrict()` (a queryset filtered to what the user may do) and the
`get_*_for_user()` helpers: a record the user may not see is a 404, a write they may not make is
a 403 that says why.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from . import roles

VIEW = "view"
CHANGE = "change"
ACTIONS = (VIEW, CHANGE)

MSG_OFFICERS_ONLY = (
    "Only secretariat officers and admins can change {what}. "
    "Focal points can read everything and add notes for their own member state."
)
MSG_ADMINS_ONLY = "Only admins can manage users and roles."
MSG_NO_STATE = (
    "Your account is not linked to a member state yet, so you cannot write country notes. "
    "Ask an admin to assign your member state."
)
MSG_OTHER_STATE = (
    "This note belongs to {state}. Focal points can add, edit and withdraw only the notes of "
    "their own member state{own}."
)
MSG_OFFICIAL_UPDATE = (
    "Only secretariat officers and admins can change official progress updates; "
    "a focal point's notes never change an initiative's status."
)
MSG_WITHDRAWN = "This update has been withdrawn and can no longer be changed."

# Read pages an anonymous visitor may open when settings.PUBLIC_READ_ONLY is on. Listed by URL
# name, so that a new page stays private until someone decides it may be public.
PUBLIC_READ_VIEWS = frozenset(
    {
        "initiatives:home",
        "initiatives:list",
        "initiatives:detail",
        "initiatives:meeting_list",
        "initiatives:meeting_detail",
        "initiatives:meeting_changes",
        "initiatives:as_of",
        "partners:list",
        "partners:detail",
    }
)


def is_public_read(request) -> bool:
    """An anonymous read of a public page while the deployment has the public view turned on."""
    match = getattr(request, "resolver_match", None)
    return bool(
        settings.PUBLIC_READ_ONLY
        and request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in PUBLIC_READ_VIEWS
    )


class LoginRequiredUnlessPublicMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, except for public read pages when they are enabled."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated and is_public_read(request):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# ------------------------------------------------------------------------------
# Questions about one user
# ------------------------------------------------------------------------------


def can_edit_records(user) -> bool:
    """Initiatives, meetings, partners, mentions and official progress updates."""
    return roles.is_officer(user)


def can_manage_users(user) -> bool:
    return roles.is_admin(user)


def note_state_of(user):
    """The member state whose notes a focal point writes, or None."""
    if not roles.is_focal_point(user):
        return None
    return roles.member_state_of(user)


def can_add_note(user) -> bool:
    return can_edit_records(user) or note_state_of(user) is not None


def can_change_update(user, update) -> bool:
    """May the user edit or withdraw this progress update or country note?"""
    if update.withdrawn_at is not None:
        return False
    if can_edit_records(user):
        return True
    state = note_state_of(user)
    return (
        update.member_state_id is not None
        and state is not None
        and (update.member_state_id == state.pk)
    )


def explain_update_refusal(user, update) -> str:
    if update.withdrawn_at is not None:
        return MSG_WITHDRAWN
    if not update.member_state_id:
        return MSG_OFFICIAL_UPDATE
    state = note_state_of(user)
    if roles.is_focal_point(user) and state is None:
        return MSG_NO_STATE
    own = f" ({state.label})" if state else ""
    return MSG_OTHER_STATE.format(state=update.member_state.label, own=own)


# Member-state implementation records (implementation/): a focal point writes their own state's
# records; officers and admins write any and alone verify or query them.
MSG_IMPLEMENTATION_OTHER_STATE = (
    "This record belongs to {state}. Focal points can update only the implementation records "
    "of their own member state{own}."
)
MSG_IMPLEMENTATION_VERIFY = "Only secretariat officers and admins can verify or query a record."


def can_write_implementation(user, member_state) -> bool:
    """May the user record where `member_state` stands on an initiative?"""
    if can_edit_records(user):
        return True
    state = note_state_of(user)
    return state is not None and member_state is not None and state.pk == member_state.pk


def can_verify_implementation(user) -> bool:
    return can_edit_records(user)


def require_implementation_writer(user, member_state) -> None:
    if can_write_implementation(user, member_state):
        return
    state = note_state_of(user)
    if roles.is_focal_point(user) and state is None:
        raise PermissionDenied(MSG_NO_STATE)
    if not roles.is_focal_point(user):
        raise PermissionDenied(MSG_OFFICERS_ONLY.format(what="implementation records"))
    raise PermissionDenied(
        MSG_IMPLEMENTATION_OTHER_STATE.format(state=member_state.label, own=f" ({state.label})")
    )


def require_implementation_verifier(user) -> None:
    if not can_verify_implementation(user):
        raise PermissionDenied(MSG_IMPLEMENTATION_VERIFY)


# ------------------------------------------------------------------------------
# Querysets and lookups
# ------------------------------------------------------------------------------


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    """The rows of `queryset` on which `user` may perform `action` ("view" or "change")."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    model = queryset.model
    if action == VIEW:
        # Every signed-in user reads everything (there are no drafts); anonymous visitors only
        # reach a view at all through the public read-only mode.
        return queryset
    if model._meta.label == "initiatives.ProgressUpdate":
        queryset = queryset.filter(withdrawn_at__isnull=True)
        if can_edit_records(user):
            return queryset
        state = note_state_of(user)
        if state is None:
            return queryset.none()
        return queryset.filter(member_state=state)
    if model._meta.label == "implementation.ImplementationRecord":
        if can_edit_records(user):
            return queryset
        state = note_state_of(user)
        return queryset.none() if state is None else queryset.filter(member_state=state)
    if model._meta.label == "auth.User":
        return queryset if can_manage_users(user) else queryset.none()
    return queryset if can_edit_records(user) else queryset.none()


def require_records_editor(user, what: str = "tracking records") -> None:
    if not can_edit_records(user):
        raise PermissionDenied(MSG_OFFICERS_ONLY.format(what=what))


def require_user_manager(user) -> None:
    if not can_manage_users(user):
        raise PermissionDenied(MSG_ADMINS_ONLY)


def require_note_writer(user) -> None:
    if can_add_note(user):
        return
    if roles.is_focal_point(user):
        raise PermissionDenied(MSG_NO_STATE)
    raise PermissionDenied(MSG_OFFICERS_ONLY.format(what="progress"))


def get_for_user(queryset: QuerySet, user, action: str = VIEW, *, what: str = "", **lookup):
    """One row by `lookup`: 404 when the user may not see it, 403 when they may not `action` it."""
    obj: Model = get_object_or_404(restrict(queryset, user, VIEW), **lookup)
    if action != VIEW and not restrict(queryset, user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(
            MSG_OFFICERS_ONLY.format(what=what or queryset.model._meta.verbose_name_plural)
        )
    return obj
