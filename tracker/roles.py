"""The three roles of the tracker, as Django groups, and questions asked about a user."""

from __future__ import annotations

from django.db.models import Model

OFFICER = "Secretariat officer"
FOCAL_POINT = "Focal point"
ADMIN = "Admin"
ROLE_GROUPS = (OFFICER, FOCAL_POINT, ADMIN)
# What each role may do, in words (the help page); tracker.permissions decides it.
ROLE_DESCRIPTIONS: dict[str, str] = {
    OFFICER: (
        "ASEAN Secretariat staff: import each meeting's statement, confirm or correct what the "
        "importer proposes, edit initiatives and meetings, record progress between meetings."
    ),
    FOCAL_POINT: (
        "One member state's contact: reads everything, and adds, edits or withdraws the country "
        "notes of that member state only. A note never changes an initiative's status."
    ),
    ADMIN: "Everything an officer does, plus users and roles, and the reference tables.",
}


def _group_names(user) -> set[str]:
    # Cached on the user object: templates ask several times per request.
    if not hasattr(user, "_tracker_groups"):
        user._tracker_groups = set(user.groups.values_list("name", flat=True))
    return user._tracker_groups


def is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or ADMIN in _group_names(user))


def is_officer(user) -> bool:
    """Officers (and admins) may change every tracking record."""
    return user.is_authenticated and (is_admin(user) or OFFICER in _group_names(user))


def is_focal_point(user) -> bool:
    return user.is_authenticated and FOCAL_POINT in _group_names(user)


def member_state_of(user) -> Model | None:
    """The member state (a partners.Partner) a focal point speaks for, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_member_state"):
        # One query for the profile and its state, kept on the user for the rest of the request.
        # The profile model is reached through the user's reverse relation (partners.UserProfile,
        # related_name "profile"): tracker imports no app above it.
        profiles = user._meta.get_field("profile").related_model.objects
        profile = profiles.select_related("member_state").filter(user=user).first()
        user._member_state = profile.member_state if profile else None
    return user._member_state


def role_label(user) -> str:
    if is_admin(user):
        return ADMIN
    if is_officer(user):
        return OFFICER
    if is_focal_point(user):
        state = member_state_of(user)
        return f"{FOCAL_POINT} ({state.label})" if state else FOCAL_POINT
    return "Reader"


def initiative_owner_candidates():
    """Who may own an initiative: active officers and admins. The one rule of the initiative
    form and the API alike (a focal point answers for a country, not for an initiative)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=[OFFICER, ADMIN]) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def focal_points():
    """Every user in the focal point group, once each, with their profile's member state read
    in the same query (the reminders and digests address each by their state)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(groups__name=FOCAL_POINT)
        .select_related("profile__member_state")
        .distinct()
    )
