"""The focal point's "your country" block on the dashboard, plugged in by one template line so
that the initiatives app (which owns the dashboard) never imports implementation."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("implementation/_your_country.html", takes_context=True)
def your_country_implementation(context, member_state):
    """The block for `member_state`. The dashboard's own context already holds the next planned
    meeting and the comparison with the latest held one: read there, they cost no query."""
    if member_state is None:
        return {"block": None}
    if "next_meeting" in context and "comparison" in context:
        comparison = context["comparison"]
        block = selectors.country_block(
            member_state,
            since=getattr(comparison, "meeting", None),
            next_meeting=context["next_meeting"],
            meetings_known=True,
        )
    else:
        block = selectors.country_block(member_state)
    return {"block": block}
