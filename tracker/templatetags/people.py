"""How a person is named on a page: by name to signed-in users, by role to anonymous visitors.

With PUBLIC_READ_ONLY on, anyone can read the public pages; the accounts behind the records
(usernames, full names) are for the people who sign in.
"""

from django import template

from tracker import roles

register = template.Library()


@register.filter
def shown_to(person, viewer) -> str:
    """`{{ update.author|shown_to:user }}`: the name for a signed-in viewer, else the role."""
    if person is None:
        return ""
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return person.get_full_name() or person.get_username()
    return roles.role_label(person)
