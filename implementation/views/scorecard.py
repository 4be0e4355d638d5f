"""A member state's scorecard: /partners/<member-state>/implementation/."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker import permissions

from .. import selectors
from .lookups import member_state


@require_GET
def scorecard(request, slug: str):
    state = member_state(slug)
    return render(
        request,
        "implementation/scorecard.html",
        {
            "card": selectors.scorecard(state),
            "state": state,
            "can_write": permissions.can_write_implementation(request.user, state),
            "chart_width": selectors.CHART_WIDTH,
            "chart_height": selectors.CHART_HEIGHT,
            "chart_pad": selectors.CHART_PAD,
        },
    )
