"""Every tracked record as a spreadsheet, and its upload back (all or nothing)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tracker import permissions

from .. import spreadsheet
from .lookups import attachment, known_format


@require_GET
def records_export(request, fmt: str):
    """Every tracked record as a spreadsheet that the upload reads back unchanged."""
    known_format(fmt)
    content = spreadsheet.export_csv() if fmt == "csv" else spreadsheet.export_xlsx()
    return attachment(content, fmt, f"implementation-records-{timezone.localdate():%Y-%m-%d}")


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
