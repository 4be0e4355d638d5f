"""Before a meeting: what is expected by then, asked for, silent or not updated.

Linked from the dashboard and the page of a planned meeting; for a held one it shows what stood
on its eve.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import Meeting
from ..selectors.before import before_meeting


@require_GET
def meeting_before(request, slug: str):
    meeting = Meeting.objects.select_related("host").filter(slug=slug).first()
    if meeting is None:
        raise Http404("No such meeting")
    context = {"before": before_meeting(meeting), "today": timezone.localdate()}
    return render(request, "initiatives/meeting_before.html", context)
