"""One member state's record on one initiative: its page, and the secretariat's verification
or query. Everyone reads it; its own focal point and officers write it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tracker import permissions
from tracker.history import record_history
from tracker.record_views import run_service

from .. import services
from ..choices import Verification
from ..forms import RECORD_FORM_FIELDS, ImplementationRecordForm, QueryForm, VerifyForm
from ..models import ImplementationRecord, is_member_on
from .lookups import existing_record, member_state, tracked_initiative


@require_http_methods(["GET", "POST"])
def record(request, initiative_slug: str, state_slug: str):
    """A state's record on an initiative: read by everyone, written by its focal point and
    officers. A focal point's save after verification puts it back to unverified."""
    initiative = tracked_initiative(initiative_slug)
    state = member_state(state_slug)
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
            "is_member": is_member_on(state, timezone.localdate()),
            "Verification": Verification,
        },
        status=409 if conflict else 200,
    )


class _NoForm:
    """run_service wants a form to put errors on; verification has none to show."""

    def restart_from(self, conflict) -> None:
        pass


@require_POST
def record_verify(request, initiative_slug: str, state_slug: str):
    permissions.require_implementation_verifier(request.user)
    existing = existing_record(initiative_slug, state_slug)
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
    existing = existing_record(initiative_slug, state_slug)
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
    return render(request, "implementation/query.html", {"record": existing, "form": form})
