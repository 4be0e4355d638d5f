from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Initiative, Meeting


@require_GET
def home(request):
    return render(
        request,
        "initiatives/home.html",
        {
            "meetings": selectors.meetings_in_order(),
            "initiatives": selectors.initiatives_with_counts(),
        },
    )


@require_GET
def initiative_list(request):
    return render(
        request,
        "initiatives/initiative_list.html",
        {"initiatives": selectors.initiatives_with_counts()},
    )


@require_GET
def initiative_detail(request, slug: str):
    initiative = get_object_or_404(
        Initiative.objects.select_related("lead_body", "parent", "owner"), slug=slug
    )
    return render(
        request,
        "initiatives/initiative_detail.html",
        {"initiative": initiative, "timeline": selectors.initiative_timeline(initiative)},
    )


@require_GET
def meeting_list(request):
    return render(
        request, "initiatives/meeting_list.html", {"meetings": selectors.meetings_in_order()}
    )


@require_GET
def meeting_detail(request, slug: str):
    try:
        meeting = selectors.meeting_with_paragraphs(slug)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc
    return render(request, "initiatives/meeting_detail.html", {"meeting": meeting})
