"""The grid of initiatives by member states, its export, and which initiatives it tracks."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from initiatives.models import Initiative
from tracker import permissions
from tracker.spreadsheet import Sheet, csv_bytes, xlsx_bytes

from .. import selectors, services
from ..choices import Stage
from ..filtersets import ImplementationGridFilterSet
from .lookups import attachment, known_format

GRID_PAGE_SIZE = 50


@require_GET
def grid(request):
    filterset = ImplementationGridFilterSet(request.GET or None, request=request)
    page = Paginator(filterset.qs_or_none(), GRID_PAGE_SIZE).get_page(request.GET.get("page"))
    table = selectors.grid(list(page.object_list), user=request.user, on=filterset.on_date)
    can_edit = permissions.can_edit_records(request.user)
    return render(
        request,
        "implementation/grid.html",
        {
            "filter": filterset,
            "page": page,
            "grid": table,
            "can_edit": can_edit,
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
    known_format(fmt)
    filterset = ImplementationGridFilterSet(request.GET or None, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(
            "The filters are not valid.", content_type="text/plain; charset=utf-8"
        )
    table = selectors.grid(list(filterset.qs), user=request.user, on=filterset.on_date)
    header, rows = _export_table(table)
    if fmt == "csv":
        content = csv_bytes(header, rows)
    else:
        content = xlsx_bytes([Sheet("Implementation", header, rows, widths={"A": 50}, freeze="B2")])
    return attachment(content, fmt, f"{_export_stem(filterset)}-{table.on:%Y-%m-%d}")


def _export_stem(filterset: ImplementationGridFilterSet) -> str:
    """implementation[-each filter in use with its values]: a downloaded file says what it
    holds (implementation-partner-japan-status-adopted-<date>.csv). The date said is `on`."""
    parts = ["implementation"]
    if filterset.is_bound:
        for name in filterset.form.fields:
            if name in ("ordering", "on"):
                continue
            values = [v for v in filterset.data.getlist(name) if v.strip()]
            if values:
                parts.append(slugify(" ".join([name, *values])))
    return "-".join(p for p in parts if p)[:120].rstrip("-")


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
