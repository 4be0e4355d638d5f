"""Data exchange pages: spreadsheet export and import (officers), API token and feeds (everyone).

An import goes in two steps. The upload is read, checked row by row and tried in a transaction
that is rolled back; the page shows what would be created and changed, or the rows that stop
it. The file waits in the session until the officer confirms; confirming plans it again and
applies it in one transaction only if the plan is still the one they saw.
"""

from __future__ import annotations

import base64
import secrets
from datetime import date

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from tracker import permissions

from .. import spreadsheets
from ..filtersets import InitiativeFilterSet

SESSION_KEY = "exchange_upload"
EXPORTS = {"partners", "initiatives", "progress_updates", "all"}
KIND_CHOICES = [
    ("", "Recognise from the file"),
    ("partners", "Partners"),
    ("initiatives", "Initiatives"),
    ("progress_updates", "Progress updates"),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="An XLSX workbook or a CSV file in the format of the exports on this page.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    kind = forms.ChoiceField(
        label="A CSV file holds",
        choices=KIND_CHOICES,
        required=False,
        help_text="Only needed when a CSV file's columns could be either partners or initiatives.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB."
            )
        return upload


def _require_officer(request) -> None:
    permissions.require_records_editor(request.user, "data through spreadsheets")


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, f"exchange/{template}", context, status=status)


@require_GET
def exchange_home(request):
    _require_officer(request)
    return _render(request, "exchange.html", {"form": UploadForm(), "sheets": _sheet_help()})


def _sheet_help() -> list[tuple[str, str, list]]:
    return [(s.name, s.title, list(s.columns)) for s in spreadsheets.SHEETS.values()]


@require_GET
def exchange_export(request, name: str, fmt: str):
    """Export in the exchange format; the initiatives take the initiative list's filters."""
    _require_officer(request)
    if name not in EXPORTS or fmt not in ("csv", "xlsx") or (name == "all" and fmt == "csv"):
        return HttpResponse("No such export.", status=404, content_type="text/plain")
    filterset = InitiativeFilterSet(request.GET or None, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            "The filters are not valid: " + filterset.errors.as_text(),
            status=400,
            content_type="text/plain",
        )
    sets = spreadsheets.querysets(initiatives=filterset.qs)
    stamp = date.today().isoformat()
    if fmt == "csv":
        body, content_type = spreadsheets.export_csv(name, sets[name]), "text/csv; charset=utf-8"
    else:
        chosen = sets if name == "all" else {name: sets[name]}
        body, content_type = spreadsheets.export_xlsx(chosen), spreadsheets.XLSX_TYPE
    filename = f"adgmin-{name.replace('_', '-')}-{stamp}.{fmt}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plan(data: bytes, *, user, filename: str, kind: str):
    """(plan, error): the dry-run plan of an upload, or why the file cannot be imported."""
    try:
        plan, _ = spreadsheets.import_spreadsheet(
            data, user=user, filename=filename, sheet_name=kind, dry_run=True
        )
    except spreadsheets.SpreadsheetError as error:
        return None, str(error)
    except spreadsheets.ImportRefused as refused:
        return refused, None
    return plan, None


def _refused(request, form, *, error: str = "", problems=None):
    return _render(
        request,
        "exchange.html",
        {"form": form, "sheets": _sheet_help(), "error": error, "problems": problems or []},
        status=400,
    )


@require_POST
def exchange_import(request):
    """Read an upload and show what it would do; nothing is applied here."""
    _require_officer(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, form)
    upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    data = upload.read()
    outcome, error = _plan(data, user=request.user, filename=upload.name, kind=kind)
    if error:
        return _refused(request, form, error=error)
    if isinstance(outcome, spreadsheets.ImportRefused):
        return _refused(request, form, problems=outcome.problems)
    plan = outcome
    if not plan.pending:
        messages.info(request, f"“{upload.name}” matches the tracker: nothing would change.")
        return redirect("initiatives:exchange")
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": upload.name,
        "kind": kind,
        "digest": plan.digest(),
        "data": base64.b64encode(data).decode("ascii"),
    }
    return _render(request, "preview.html", {"plan": plan, "filename": upload.name, "token": token})


@require_POST
def exchange_confirm(request):
    """Apply the previewed upload in one transaction, if it still does what the preview said."""
    _require_officer(request)
    stored = request.session.get(SESSION_KEY)
    if not stored or stored["token"] != request.POST.get("token"):
        messages.error(request, "That preview has expired: upload the file again.")
        return redirect("initiatives:exchange")
    data = base64.b64decode(stored["data"])
    plan = spreadsheets.plan_import(
        spreadsheets.read_spreadsheet(data, filename=stored["filename"], sheet_name=stored["kind"])
    )
    if plan.ok and plan.digest() != stored["digest"]:
        messages.warning(
            request, "The records changed since the preview. Check what the import would do now."
        )
        stored["digest"] = plan.digest()
        request.session[SESSION_KEY] = stored
        context = {"plan": plan, "filename": stored["filename"], "token": stored["token"]}
        return _render(request, "preview.html", context, status=409)
    try:
        result = spreadsheets.apply_import(plan, user=request.user)
    except spreadsheets.ImportRefused as refused:
        request.session.pop(SESSION_KEY, None)
        return _refused(request, UploadForm(), problems=refused.problems)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, f"Imported “{stored['filename']}”. {result}.")
    return redirect("initiatives:exchange")


@require_POST
def exchange_cancel(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, "Import cancelled: nothing was changed.")
    return redirect("initiatives:exchange")


@require_http_methods(["GET", "POST"])
def api_access(request):
    """Any signed-in user: their API token, and the feed addresses that carry it."""
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        Token.objects.create(user=request.user)
        messages.success(request, "A new token was made; the old one no longer works.")
        return redirect("initiatives:api_access")
    token = Token.objects.filter(user=request.user).first()
    base = request.build_absolute_uri("/")[:-1]
    feeds = []
    if token:
        for name, title in (
            ("feed_status", "Status changes (Atom)"),
            ("feed_meetings", "Meetings (iCalendar)"),
        ):
            feeds.append((title, f"{base}{reverse(f'initiatives:{name}')}?token={token.key}"))
    return _render(
        request,
        "api_access.html",
        {"token": token, "feeds": feeds, "is_editor": permissions.can_edit_records(request.user)},
    )
