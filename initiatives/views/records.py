"""Creating and editing records: initiatives, meetings, progress updates, country notes, history.

Views check the role first (tracker/permissions.py: 404 for what the user may not see, 403 with
a reason for what they may not change), then hand the cleaned form to one service. A save
refused because someone else saved first comes back as 409 with what they changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from tracker import permissions
from tracker.history import record_history
from tracker.record_views import (
    HISTORY_TEMPLATE,
    add_service_errors,
    render_form,
    run_service,
)

from .. import services, topics
from ..as_of import statuses_as_of
from ..forms import (
    AsOfForm,
    BulkStatusForm,
    CountryNoteForm,
    InitiativeForm,
    MeetingForm,
    ProgressUpdateForm,
    WithdrawForm,
)
from ..models import Initiative
from ..permissions import get_initiative_for_user, get_meeting_for_user, get_update_for_user


# ---------------------------------------------------------------------------------------------
# Initiatives
# ---------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    permissions.require_records_editor(request.user, "initiatives")
    form = InitiativeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        initiative, _ = run_service(
            form,
            lambda: services.initiative_create(
                user=request.user, **form.changes(services.INITIATIVE_FIELDS)
            ),
        )
        if initiative:
            topics.topics_add(
                initiative=initiative, topics=form.cleaned_data["topics"], user=request.user
            )
            messages.success(request, f"Initiative “{initiative.label}” created.")
            return redirect(initiative)
    return render_form(
        request, {"form": form, "title": "New initiative", "cancel": reverse("initiatives:list")}
    )


@require_http_methods(["GET", "POST"])
def initiative_edit(request, slug: str):
    initiative = get_initiative_for_user(request.user, slug, permissions.CHANGE)
    form = InitiativeForm(request.POST if request.method == "POST" else None, instance=initiative)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.initiative_update(
                initiative=initiative,
                user=request.user,
                **form.edit_markers(),
                **form.changes(services.INITIATIVE_FIELDS),
            ),
        )
        if saved:
            topics.topics_set(
                initiative=saved, topics=form.cleaned_data["topics"], user=request.user
            )
            messages.success(request, f"Initiative “{saved.label}” saved.")
            return redirect(saved)
    return render_form(
        request,
        {
            "form": form,
            "record": initiative,
            "title": f"Edit {initiative.label}",
            "cancel": initiative.get_absolute_url(),
        },
        conflict,
    )


@require_GET
def initiative_history(request, slug: str):
    initiative = get_initiative_for_user(request.user, slug)
    updates = initiative.progress_updates.select_related("member_state", "author").order_by(
        "-date", "-created_at"
    )
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "record": initiative,
            "kind": "initiative",
            "entries": record_history(initiative),
            "updates": updates,
            "back": initiative.get_absolute_url(),
        },
    )


# ---------------------------------------------------------------------------------------------
# Progress updates and country notes
# ---------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def progress_create(request, slug: str):
    initiative = get_initiative_for_user(request.user, slug)
    permissions.require_records_editor(request.user, "official progress updates")
    form = ProgressUpdateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        update, _ = run_service(
            form,
            lambda: services.progress_update_create(
                initiative=initiative,
                user=request.user,
                **form.changes(services.PROGRESS_FIELDS),
            ),
        )
        if update:
            messages.success(request, "Progress recorded.")
            return redirect(initiative)
    return render_form(
        request,
        {
            "form": form,
            "record": initiative,
            "title": f"Record progress on {initiative.label}",
            "intro": "Choosing a new status changes the initiative's current status; the "
            "summary is the reason, and the evidence link shows it where there is one.",
            "cancel": initiative.get_absolute_url(),
            "submit": "Record progress",
        },
    )


@require_http_methods(["GET", "POST"])
def note_create(request, slug: str):
    initiative = get_initiative_for_user(request.user, slug)
    permissions.require_note_writer(request.user)
    own_state = (
        None
        if permissions.can_edit_records(request.user)
        else (permissions.note_state_of(request.user))
    )
    form = CountryNoteForm(
        request.POST if request.method == "POST" else None, fixed_state=own_state
    )
    if request.method == "POST" and form.is_valid():
        fields = ("date", "percent_complete", "summary", "evidence_url")
        note, _ = run_service(
            form,
            lambda: services.country_note_create(
                initiative=initiative,
                user=request.user,
                member_state=own_state or form.cleaned_data["member_state"],
                **form.changes(fields),
            ),
        )
        if note:
            messages.success(request, f"Country note for {note.member_state.label} added.")
            return redirect(initiative)
    title = f"Add a country note on {initiative.label}"
    return render_form(
        request,
        {
            "form": form,
            "record": initiative,
            "title": title,
            "intro": (f"A note for {own_state.label}. " if own_state else "A member state's note. ")
            + "Notes are shown with the initiative but never change its official status.",
            "cancel": initiative.get_absolute_url(),
            "submit": "Add note",
        },
    )


@require_http_methods(["GET", "POST"])
def update_edit(request, pk: int):
    update = get_update_for_user(request.user, pk, permissions.CHANGE)
    if update.is_country_note:
        form = CountryNoteForm(request.POST if request.method == "POST" else None, instance=update)
        fields = ("date", "percent_complete", "summary", "evidence_url")
        what = f"country note for {update.member_state.label}"
    else:
        form = ProgressUpdateForm(
            request.POST if request.method == "POST" else None, instance=update
        )
        fields = services.PROGRESS_FIELDS
        what = "progress update"
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.progress_update_edit(
                update=update, user=request.user, **form.edit_markers(), **form.changes(fields)
            ),
        )
        if saved:
            messages.success(request, f"The {what} is saved.")
            return redirect(saved.initiative)
    return render_form(
        request,
        {
            "form": form,
            "record": update,
            "title": f"Edit the {what} of {update.date:%d %B %Y} on {update.initiative.label}",
            "cancel": update.initiative.get_absolute_url(),
        },
        conflict,
    )


@require_http_methods(["GET", "POST"])
def update_withdraw(request, pk: int):
    update = get_update_for_user(request.user, pk, permissions.CHANGE)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.progress_update_withdraw(
            update=update, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Withdrawn. It stays in the history but no longer counts.")
        return redirect(update.initiative)
    return render(
        request,
        "initiatives/records/withdraw.html",
        {"form": form, "update": update, "cancel": update.initiative.get_absolute_url()},
    )


@require_GET
def update_history(request, pk: int):
    update = get_update_for_user(request.user, pk)
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "record": update,
            "kind": "country note" if update.is_country_note else "progress update",
            "entries": record_history(update),
            "back": update.initiative.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def bulk_status(request):
    """Set one status, with one reason, on several initiatives at once (all or nothing)."""
    permissions.require_records_editor(request.user, "initiatives")
    initial = {"initiatives": request.GET.getlist("initiatives")}
    form = BulkStatusForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            updates = services.initiatives_bulk_set_status(
                initiative_ids=[i.pk for i in data["initiatives"]],
                user=request.user,
                status=data["status"],
                date=data["date"],
                summary=data["summary"],
                evidence_url=data["evidence_url"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Status set to {dict(form.fields['status'].choices)[data['status']]} on "
                f"{len(updates)} initiative(s).",
            )
            return redirect("initiatives:list")
    return render(request, "initiatives/records/bulk_status.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    permissions.require_records_editor(request.user, "meetings")
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        meeting, _ = run_service(
            form,
            lambda: services.meeting_create(
                user=request.user, **form.changes(services.MEETING_FIELDS)
            ),
        )
        if meeting:
            messages.success(request, f"Meeting “{meeting}” created.")
            return redirect(meeting)
    return render_form(
        request,
        {"form": form, "title": "New meeting", "cancel": reverse("initiatives:meeting_list")},
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug: str):
    meeting = get_meeting_for_user(request.user, slug, permissions.CHANGE)
    form = MeetingForm(request.POST if request.method == "POST" else None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = run_service(
            form,
            lambda: services.meeting_update(
                meeting=meeting,
                user=request.user,
                **form.edit_markers(),
                **form.changes(services.MEETING_FIELDS),
            ),
        )
        if saved:
            messages.success(request, f"Meeting “{saved}” saved.")
            return redirect(saved)
    return render_form(
        request,
        {
            "form": form,
            "record": meeting,
            "title": f"Edit {meeting}",
            "cancel": meeting.get_absolute_url(),
        },
        conflict,
    )


@require_GET
def meeting_history(request, slug: str):
    meeting = get_meeting_for_user(request.user, slug)
    return render(
        request,
        HISTORY_TEMPLATE,
        {
            "record": meeting,
            "kind": "meeting",
            "entries": record_history(meeting),
            "back": meeting.get_absolute_url(),
        },
    )


# ---------------------------------------------------------------------------------------------
# As of a date
# ---------------------------------------------------------------------------------------------
@require_GET
def as_of(request):
    """Every initiative's status as it stood at a chosen meeting or on a chosen date."""
    form = AsOfForm(request.GET)
    rows, on = [], None
    if form.is_valid():
        on = form.on
        rows = statuses_as_of(on, meeting=form.cleaned_data.get("meeting"))
        if request.GET.get("all") != "1":
            rows = [row for row in rows if row.status]
    return render(
        request,
        "initiatives/records/as_of.html",
        {
            "form": form,
            "rows": rows,
            "on": on,
            "meeting": form.cleaned_data.get("meeting") if form.is_valid() else None,
            "total": Initiative.objects.count(),
        },
    )
