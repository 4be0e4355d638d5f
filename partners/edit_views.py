"""Creating and editing partners, and their history (officers and admins)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from tracker import permissions
from tracker.history import record_history
from tracker.record_views import HISTORY_TEMPLATE, render_form, run_service

from . import services
from .forms import PartnerForm
from .permissions import get_partner_for_user


@require_http_methods(["GET", "POST"])
def partner_create(request):
    permissions.require_records_editor(request.user, "partners")
    form = PartnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partner, _ = run_service(
            form,
            lambda: services.partner_create(
                user=request.user, **form.changes(services.PARTNER_FIELDS)
            ),
        )
        if partner:
            messages.success(request, f"Partner “{partner}” created.")
            return redirect(partner)
    return render_form(
        request, {"form": form, "title": "New partner", "cancel": reverse("partners:list")}
    )


@require_http_methods(["GET", "POST"])
def partner_edit(request, slug: str):
    partner = get_partner_for_user(request.user, slug, permissions.CHANGE)
    form = PartnerForm(request.POST if request.method == "POST" else None, instance=partner)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.partner_update(
                partner=partner,
                user=request.user,
                **form.edit_markers(),
                **form.changes(services.PARTNER_FIELDS),
            ),
        )
        if saved:
            messages.success(request, f"Partner “{saved}” saved.")
            return redirect(saved)
    return render_form(
        request,
        {
            "form": form,
            "record": partner,
            "title": f"Edit {partner}",
            "cancel": partner.get_absolute_url(),
        },
        conflict,
    )


@require_GET
def partner_history(request, slug: str):
    partner = get_partner_for_user(request.user, slug)
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "record": partner,
            "kind": "partner",
            "entries": record_history(partner),
            "back": partner.get_absolute_url(),
        },
    )
