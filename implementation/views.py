"""Pages of member-state implementation: the grid and its export, one record, a scorecard."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.models import Initiative
from partners.models import Partner
from tracker import permissions
from tracker.history import record_history
from tracker.record_views import run_service
from tracker.spreadsheet import CSV_TYPE, XLSX_TYPE, Sheet, csv_bytes, xlsx_bytes

from . import selectors, services, spreadsheet
from .choices import Stage, Verification
from .filtersets import ImplementationGridFilterSet
from .forms import RECORD_FORM_FIELDS, ImplementationRecordForm, QueryForm, VerifyForm
from .models import ImplementationRecord

GRID_PAGE_SIZE = 50


def _member_state(slug: str) -> Partner:
    return get_object_or_404(Partner.objects.member_states(), slug=slug)


def _tracked_initiative(slug: str) -> Initiative:
    return get_object_or_404(
        Initiative.objects.filter(national_scope__implemented_nationally=True), slug=slug
    )


# ---------------------------------------------------------------------------------------------
# The grid and its export
# ---------------------------------------------------------------------------------------------
def _filtered(filterset: ImplementationGridFilterSet):
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


@require_GET
def grid(request):
    filterset = ImplementationGridFilterSet(request.GET or None, request=request)
    page = Paginator(_filtered(filterset), GRID_PAGE_SIZE).get_page(request.GET.get("page"))
    table = selectors.grid(list(page.object_list), user=request.user, on=filterset.on_date)
    can_edit = permissions.can_edit_records(request.user)
    untracked = []
    if can_edit:
        untracked = (
            Initiative.objects.exclude(national_scope__implemented_nationally=True)
            .order_by("-last_mentioned_on", "name")
            .only("slug", "name", "acronym")[:200]
        )
    return render(
        request,
        "implementation/grid.html",
        {
            "filter": filterset,
            "page": page,
            "grid": table,
            "can_edit": can_edit,
            "untracked": untracked,
            "own_state": permissions.note_state_of(request.user),
            "stages": Stage.choices,
        },
    )


def _export_table(grid: selectors.Grid) -> tuple[list[str], list[list]]:
    header = [
        "Initiative",
        "Acronym",
        "Status",
        "States implemented",
        *(s.label for s in grid.states),
    ]
    rows = [
        [
            row.initiative.name,
            row.initiative.acronym,
            row.initiative.get_status_display(),
            row.implemented,
            *(cell.text for cell in row.cells),
        ]
        for row in grid.rows
    ]
    return header, rows


@require_GET
def grid_export(request, fmt: str):
    """Exactly the filtered and sorted grid, every page of it, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    filterset = ImplementationGridFilterSet(request.GET or None, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(
            "The filters are not valid.", content_type="text/plain; charset=utf-8"
        )
    table = selectors.grid(list(filterset.qs), user=request.user, on=filterset.on_date)
    header, rows = _export_table(table)
    name = f"implementation-{table.on:%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_TYPE)
    else:
        sheet = Sheet("Implementation", header, rows, widths={"A": 50}, freeze="B2")
        response = HttpResponse(xlsx_bytes([sheet]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def scope_set(request):
    """Officers mark an initiative as implemented nationally (or stop tracking it)."""
    permissions.require_records_editor(request.user, "which initiatives are implemented nationally")
    wanted = request.POST.get("initiative", "").strip()
    initiative = (
        Initiative.objects.filter(
            Q(slug=wanted) | Q(name__iexact=wanted) | Q(acronym__iexact=wanted)
        ).first()
        if wanted
        else None
    )
    if initiative is None:
        messages.error(request, "Choose an initiative.")
        return redirect("implementation:grid")
    on = request.POST.get("implemented_nationally", "") in ("1", "on", "true")
    services.national_scope_set(initiative=initiative, user=request.user, implemented_nationally=on)
    if on:
        messages.success(request, f"{initiative.label} is now tracked per member state.")
    else:
        messages.success(
            request, f"{initiative.label} is no longer tracked per member state (records are kept)."
        )
    return redirect("implementation:grid")


@require_GET
def records_export(request, fmt: str):
    """Every tracked record as a spreadsheet that the upload reads back unchanged."""
    if fmt == "csv":
        response = HttpResponse(spreadsheet.export_csv(), content_type=CSV_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(spreadsheet.export_xlsx(), content_type=XLSX_TYPE)
    else:
        raise Http404("Unknown export format")
    name = f"implementation-records-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def records_upload(request):
    """Apply an edited export, all or nothing; a focal point's file holds only their state."""
    if not (permissions.can_edit_records(request.user) or permissions.note_state_of(request.user)):
        permissions.require_implementation_writer(request.user, None)
    upload = request.FILES.get("file")
    status = 200
    result = problems = None
    if upload is None:
        problems, status = ["Choose a CSV or XLSX file exported from this page."], 400
    elif upload.size > settings.IMPORT_MAX_BYTES:
        problems, status = ["The file is too large."], 400
    else:
        try:
            result = spreadsheet.import_records(upload.read(), user=request.user)
        except spreadsheet.SpreadsheetRefused as refused:
            problems, status = refused.problems, 403 if refused.forbidden else 400
    return render(
        request,
        "implementation/upload_result.html",
        {"result": result, "problems": problems},
        status=status,
    )


# ---------------------------------------------------------------------------------------------
# One record
# ---------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def record(request, initiative_slug: str, state_slug: str):
    """A state's record on an initiative: read by everyone, written by its focal point and
    officers. A focal point's save after verification puts it back to unverified."""
    initiative = _tracked_initiative(initiative_slug)
    state = _member_state(state_slug)
    existing = ImplementationRecord.objects.filter(
        initiative=initiative, member_state=state
    ).first()
    can_write = permissions.can_write_implementation(request.user, state)
    if request.method == "POST":
        permissions.require_implementation_writer(request.user, state)
    instance = existing or ImplementationRecord(
        initiative=initiative, member_state=state, as_of=timezone.localdate()
    )
    form = None
    conflict = None
    if can_write:
        form = ImplementationRecordForm(
            request.POST if request.method == "POST" else None, instance=instance
        )
        if request.method == "POST" and form.is_valid():
            markers = form.edit_markers()
            saved, conflict = run_service(
                form,
                lambda: services.implementation_record_save(
                    initiative=initiative,
                    member_state=state,
                    user=request.user,
                    **markers,
                    **form.changes(RECORD_FORM_FIELDS),
                ),
            )
            if saved is not None:
                note = ""
                if not permissions.can_verify_implementation(request.user):
                    note = " It now waits for the secretariat's verification."
                messages.success(request, f"{state.label}'s record saved.{note}")
                return redirect(saved.get_absolute_url())
    status = 409 if conflict else 200
    return render(
        request,
        "implementation/record.html",
        {
            "initiative": initiative,
            "state": state,
            "record": existing,
            "form": form,
            "conflict": conflict,
            "can_write": can_write,
            "can_verify": permissions.can_verify_implementation(request.user) and existing,
            "query_form": QueryForm(initial={"version": existing.version}) if existing else None,
            "history": record_history(existing, limit=30) if existing else [],
            "is_member": selectors.is_member_on(state, timezone.localdate()),
            "Verification": Verification,
        },
        status=status,
    )


def _existing_record(initiative_slug: str, state_slug: str) -> ImplementationRecord:
    initiative = _tracked_initiative(initiative_slug)
    state = _member_state(state_slug)
    return get_object_or_404(
        ImplementationRecord.objects.select_related("initiative", "member_state"),
        initiative=initiative,
        member_state=state,
    )


@require_POST
def record_verify(request, initiative_slug: str, state_slug: str):
    permissions.require_implementation_verifier(request.user)
    existing = _existing_record(initiative_slug, state_slug)
    form = VerifyForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    _, conflict = run_service(
        _NoForm(),
        lambda: services.implementation_record_verify(
            record=existing, user=request.user, expected_version=version
        ),
    )
    if conflict:
        messages.error(request, f"Not verified: {conflict} Check the record and verify again.")
    else:
        messages.success(request, f"{existing} verified.")
    return redirect(existing.get_absolute_url())


@require_http_methods(["GET", "POST"])
def record_query(request, initiative_slug: str, state_slug: str):
    permissions.require_implementation_verifier(request.user)
    existing = _existing_record(initiative_slug, state_slug)
    form = QueryForm(
        request.POST if request.method == "POST" else None,
        initial={"version": existing.version},
    )
    if request.method == "POST" and form.is_valid():
        _, conflict = run_service(
            form,
            lambda: services.implementation_record_query(
                record=existing,
                user=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if conflict:
            messages.error(request, f"Not queried: {conflict} Check the record and try again.")
            return redirect(existing.get_absolute_url())
        if not form.errors:
            messages.success(request, f"{existing} queried; the focal point sees your question.")
            return redirect(existing.get_absolute_url())
    return render(
        request,
        "implementation/query.html",
        {"record": existing, "form": form},
    )


class _NoForm:
    """run_service wants a form to put errors on; verification has none to show."""

    def restart_from(self, conflict) -> None:
        pass


# ---------------------------------------------------------------------------------------------
# A member state's scorecard
# ---------------------------------------------------------------------------------------------
@require_GET
def scorecard(request, slug: str):
    state = _member_state(slug)
    card = selectors.scorecard(state)
    return render(
        request,
        "implementation/scorecard.html",
        {
            "card": card,
            "state": state,
            "can_write": permissions.can_write_implementation(request.user, state),
            "chart_width": selectors.CHART_WIDTH,
            "chart_height": selectors.CHART_HEIGHT,
            "chart_pad": selectors.CHART_PAD,
        },
    )
