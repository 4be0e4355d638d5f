from . import roles


def user_roles(request) -> dict:
    """Expose the user's role to every template (navigation shows what the role may do)."""
    user = request.user
    return {
        "is_officer": roles.is_officer(user),
        "is_admin": roles.is_admin(user),
        "is_focal_point": roles.is_focal_point(user),
        "role_label": roles.role_label(user) if user.is_authenticated else "",
    }
