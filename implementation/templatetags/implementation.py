"""The focal point's "your country" block on the dashboard, plugged in by one template line so
that the initiatives app (which owns the dashboard) never imports implementation."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("implementation/_your_country.html")
def your_country_implementation(member_state):
    if member_state is None:
        return {"block": None}
    return {"block": selectors.country_block(member_state)}
