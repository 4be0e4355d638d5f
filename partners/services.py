"""Writes about who: partners, users, their roles, member states and reminder preferences."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from tracker import permissions, roles
from tracker.history import ensure_unchanged_since, save_by
from tracker.slugs import unique_slug

from .models import Partner, UserProfile

PARTNER_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent",
    "country_code",
    "member_since",
    "website",
    "description",
    "aliases",
)
PREFERENCE_FIELDS = (
    "remind_stale",
    "remind_meeting",
    "digest_imports",
    "notify_updates",
    "remind_implementation",
)
RESERVED_SLUGS = frozenset({"new"})


def _check_fields(changes: dict, allowed: Iterable[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")


def _partner_slug(value: str) -> str:
    if value.strip().lower() in RESERVED_SLUGS:
        value = f"{value} partner"
    return unique_slug(Partner, value)


@transaction.atomic
def partner_create(*, user, name: str, **fields) -> Partner:
    permissions.require_records_editor(user, "partners")
    _check_fields(fields, PARTNER_FIELDS)
    partner = Partner(name=name, **fields)
    partner.slug = _partner_slug(fields.get("short_name") or name)
    partner.full_clean()
    save_by(partner, user)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, user, seen_history_id: int | None, **changes) -> Partner:
    """Save an edit of a partner, refused if someone else saved it since the editor opened it."""
    permissions.require_records_editor(user, "partners")
    _check_fields(changes, PARTNER_FIELDS)
    current = Partner.objects.select_for_update().get(pk=partner.pk)
    ensure_unchanged_since(current, seen_history_id, PARTNER_FIELDS)
    old_name = current.name
    for name, value in changes.items():
        setattr(current, name, value)
    if current.name != old_name:
        current.add_alias(old_name)
    if current.parent_id == current.pk:
        raise ValidationError({"parent": "A partner cannot be its own parent."})
    current.full_clean()
    save_by(current, user)
    return current


# ---------------------------------------------------------------------------------------------
# Users and roles
# ---------------------------------------------------------------------------------------------
def role_of(user) -> str:
    """The user's role group ("" when none): the first of Admin, officer, focal point."""
    if user.is_superuser:
        return roles.ADMIN
    names = set(user.groups.values_list("name", flat=True))
    for role in (roles.ADMIN, roles.OFFICER, roles.FOCAL_POINT):
        if role in names:
            return role
    return ""


def _check_role(role: str, member_state: Partner | None) -> None:
    if role not in roles.ROLE_GROUPS:
        raise ValidationError({"role": "Choose a role."})
    if role == roles.FOCAL_POINT and member_state is None:
        raise ValidationError(
            {
                "member_state": "Choose the member state this person reports for: a focal point "
                "speaks for one member state. Or choose another role."
            }
        )
    if member_state is not None and not member_state.is_member_state:
        raise ValidationError({"member_state": "Choose an ASEAN member state."})


def _apply_role(user, role: str, member_state: Partner | None) -> None:
    user.groups.remove(*Group.objects.filter(name__in=roles.ROLE_GROUPS))
    user.groups.add(Group.objects.get(name=role))
    UserProfile.objects.update_or_create(
        user=user,
        defaults={"member_state": member_state if role == roles.FOCAL_POINT else None},
    )
    if hasattr(user, "_tracker_groups"):
        del user._tracker_groups


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    email: str,
    role: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    member_state: Partner | None = None,
):
    """Create a user with one role; admins may also open Django admin (is_staff)."""
    permissions.require_user_manager(actor)
    _check_role(role, member_state)
    user = get_user_model()(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == roles.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    _apply_role(user, role, member_state)
    return user


@transaction.atomic
def user_update(
    *,
    actor,
    user,
    email: str,
    role: str,
    is_active: bool,
    first_name: str = "",
    last_name: str = "",
    member_state: Partner | None = None,
):
    """Change a user's details, role and member state.

    Admins cannot demote or deactivate themselves, and the last active admin stays an admin, so
    that nobody locks the secretariat out of its own tracker.
    """
    permissions.require_user_manager(actor)
    _check_role(role, member_state)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    losing_admin = role_of(user) == roles.ADMIN and (role != roles.ADMIN or not is_active)
    if losing_admin and user.pk == actor.pk:
        raise ValidationError(
            "You cannot remove your own admin role or deactivate yourself; ask another admin."
        )
    if losing_admin:
        admins = get_user_model().objects.filter(is_active=True).filter(
            pk__in=Group.objects.get(name=roles.ADMIN).user_set.values("pk")
        ) | get_user_model().objects.filter(is_active=True, is_superuser=True)
        if not admins.exclude(pk=user.pk).exists():
            raise ValidationError("This is the last active admin; make someone else admin first.")
    user.email, user.first_name, user.last_name = email, first_name, last_name
    user.is_active = is_active
    user.is_staff = role == roles.ADMIN
    if role != roles.ADMIN:
        user.is_superuser = False
    user.full_clean(exclude=["password"])
    user.save()
    _apply_role(user, role, member_state)
    return user


@transaction.atomic
def user_set_password(*, actor, user, password: str) -> None:
    permissions.require_user_manager(actor)
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def preferences_update(*, user, **preferences) -> UserProfile:
    """A user's own choice of reminder emails."""
    _check_fields(preferences, PREFERENCE_FIELDS)
    profile, _ = UserProfile.objects.get_or_create(user=user)
    for name, value in preferences.items():
        setattr(profile, name, bool(value))
    save_by(profile, user)
    return profile
