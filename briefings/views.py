"""The briefing pack of a meeting: the page, its printable form, builds and their files.

Every signed-in role reads the pack and downloads the built files; secretariat officers and
admins start builds (tracker.permissions decides). A meeting the user may not see is a 404.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from initiatives.importer.selectors import status_rules
from initiatives.permissions import get_meeting_for_user
from tracker import permissions as gate

from . import outputs, services
from .forms import PackFilterForm
from .models import BriefingBuild, BriefingFile
from .selectors import briefing_pack
from .skeleton import statement_skeleton

WHAT = "briefing packs"


def _pack_and_skeleton(request, meeting):
    form = PackFilterForm(request.GET or None)
    filters = form.filters()
    pack = briefing_pack(meeting, filters)
    return form, pack, statement_skeleton(pack, status_rules())


def _get_build(request, slug: str, pk) -> BriefingBuild:
    meeting = get_meeting_for_user(request.user, slug)
    return get_object_or_404(
        BriefingBuild.objects.select_related("meeting", "created_by"), pk=pk, meeting=meeting
    )


@require_GET
def pack_page(request, slug: str):
    meeting = get_meeting_for_user(request.user, slug)
    form, pack, skeleton = _pack_and_skeleton(request, meeting)
    builds = (
        BriefingBuild.objects.filter(meeting=meeting)
        .select_related("meeting", "created_by")
        .prefetch_related(Prefetch("files", queryset=BriefingFile.objects.defer("content")))
        .defer("content")[:20]
    )  # listed without the content they were built from, or the files' bytes
    return render(
        request,
        "briefings/pack.html",
        {
            **outputs.document_context(pack, skeleton),
            "meeting": meeting,
            "form": form,
            "query": PackFilterForm.query_string(pack.filters),
            "skeleton_text": skeleton.as_text(),
            "builds": builds,
            "can_build": gate.can_edit_records(request.user),
        },
    )


@require_GET
def print_page(request, slug: str):
    meeting = get_meeting_for_user(request.user, slug)
    _, pack, skeleton = _pack_and_skeleton(request, meeting)
    return HttpResponse(outputs.print_html(pack, skeleton))


@require_POST
def build_start(request, slug: str):
    meeting = get_meeting_for_user(request.user, slug)
    gate.require_records_editor(request.user, WHAT)
    filters = PackFilterForm(request.POST).filters()
    build = services.build_create(meeting=meeting, user=request.user, filters=filters)
    return redirect(build)


@require_GET
def build_detail(request, slug: str, pk):
    build = _get_build(request, slug, pk)
    return render(request, "briefings/build.html", {"build": build, "meeting": build.meeting})


@require_GET
def build_progress(request, slug: str, pk):
    """The progress panel, polled by htmx; once the build ends the whole page reloads."""
    build = _get_build(request, slug, pk)
    if request.htmx and not build.is_running:
        return HttpResponseClientRefresh()
    return render(request, "briefings/_progress.html", {"build": build})


@require_GET
def download(request, slug: str, pk, kind: str):
    build = _get_build(request, slug, pk)
    file = get_object_or_404(BriefingFile, build=build, kind=kind)
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Content-Length"] = str(file.size)
    return response
