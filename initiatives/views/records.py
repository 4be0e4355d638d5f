"""Creating and editing records: initiatives, meetings, progress updates, country notes, history.

Views check the role first (tracker/permissions.py: 404 for what the user may not see, 403 with
a reason for what they may not change), then hand the cleaned form to one service. A save
refused because someone else saved first comes back as 409 with what they changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tracker import permissions
from tracker.record_views import (
    RecordCreateView,
    RecordEditView,
    RecordFormView,
    RecordHistoryView,
    record_pages,
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

NOTE_FIELDS = ("date", "percent_complete", "summary", "evidence_url")


# ---------------------------------------------------------------------------------------------
# Initiatives
# ---------------------------------------------------------------------------------------------
class _InitiativeForm:
    form_class = InitiativeForm
    fields = services.INITIATIVE_FIELDS
    noun = "Initiative"

    def name(self, record) -> str:
        return record.label


class InitiativeCreate(_InitiativeForm, RecordCreateView):
    service = services.initiative_create
    what = "initiatives"
    cancel_url = "initiatives:list"

    def after_save(self, form, saved) -> None:
        # Added to the topics the service suggested from the name, not in place of them.
        topics.topics_add(
            initiative=saved, topics=form.cleaned_data["topics"], user=self.request.user
        )


class InitiativeEdit(_InitiativeForm, RecordEditView):
    service = services.initiative_update
    fetch = get_initiative_for_user
    record_arg = "initiative"

    def after_save(self, form, saved) -> None:
        topics.topics_set(
            initiative=saved, topics=form.cleaned_data["topics"], user=self.request.user
        )


class InitiativeHistory(RecordHistoryView):
    fetch = get_initiative_for_user
    kind = "initiative"

    def extra(self, record) -> dict:
        updates = record.progress_updates.select_related("member_state", "author")
        return {"updates": updates.order_by("-date", "-created_at")}


initiative_create = InitiativeCreate.as_view()
initiative_edit = InitiativeEdit.as_view()
initiative_history = InitiativeHistory.as_view()


# ---------------------------------------------------------------------------------------------
# Progress updates and country notes
# ---------------------------------------------------------------------------------------------
class _OnInitiative(RecordFormView):
    """A new update or note on the initiative named in the URL, shown as the form's record."""

    def check(self) -> None:
        self.record = get_initiative_for_user(self.request.user, self.kwargs["slug"])
        self.check_role()

    def check_role(self) -> None:
        raise NotImplementedError

    def service_kwargs(self, form) -> dict:
        return {"initiative": self.record}

    def success_url(self, saved):
        return self.record

    def context(self) -> dict:
        return {**super().context(), "cancel": self.record.get_absolute_url()}


class ProgressCreate(_OnInitiative):
    form_class = ProgressUpdateForm
    service = services.progress_update_create
    fields = services.PROGRESS_FIELDS
    intro = (
        "Choosing a new status changes the initiative's current status; the "
        "summary is the reason, and the evidence link shows it where there is one."
    )
    submit = "Record progress"

    def check_role(self) -> None:
        permissions.require_records_editor(self.request.user, "official progress updates")

    def message(self, saved) -> str:
        return "Progress recorded."

    def context(self) -> dict:
        return {**super().context(), "title": f"Record progress on {self.record.label}"}


class NoteCreate(_OnInitiative):
    """A country note: a focal point's is fixed to their own member state."""

    form_class = CountryNoteForm
    service = services.country_note_create
    fields = NOTE_FIELDS
    submit = "Add note"

    def check_role(self) -> None:
        user = self.request.user
        permissions.require_note_writer(user)
        self.own_state = (
            None if permissions.can_edit_records(user) else permissions.note_state_of(user)
        )

    def get_form(self, data):
        return CountryNoteForm(data, fixed_state=self.own_state)

    def service_kwargs(self, form) -> dict:
        state = self.own_state or form.cleaned_data["member_state"]
        return {**super().service_kwargs(form), "member_state": state}

    def message(self, saved) -> str:
        return f"Country note for {saved.member_state.label} added."

    def context(self) -> dict:
        whose = (
            f"A note for {self.own_state.label}. " if self.own_state else "A member state's note. "
        )
        return {
            **super().context(),
            "title": f"Add a country note on {self.record.label}",
            "intro": whose
            + "Notes are shown with the initiative but never change its official status.",
        }


class UpdateEdit(RecordEditView):
    """A progress update or a country note, each with its own form and fields."""

    service = services.progress_update_edit
    fetch = get_update_for_user
    record_arg = "update"

    def check(self) -> None:
        super().check()
        note = self.record.is_country_note
        self.form_class = CountryNoteForm if note else ProgressUpdateForm
        self.fields = NOTE_FIELDS if note else services.PROGRESS_FIELDS
        self.what = (
            f"country note for {self.record.member_state.label}" if note else "progress update"
        )

    def message(self, saved) -> str:
        return f"The {self.what} is saved."

    def success_url(self, saved):
        return saved.initiative

    def cancel(self) -> str:
        return self.record.initiative.get_absolute_url()

    def context(self) -> dict:
        update = self.record
        return {
            **super().context(),
            "title": f"Edit the {self.what} of {update.date:%d %B %Y} on {update.initiative.label}",
        }


class UpdateHistory(RecordHistoryView):
    fetch = get_update_for_user

    def get_kind(self, record) -> str:
        return "country note" if record.is_country_note else "progress update"

    def back(self, record) -> str:
        return record.initiative.get_absolute_url()


progress_create = ProgressCreate.as_view()
note_create = NoteCreate.as_view()
update_edit = UpdateEdit.as_view()
update_history = UpdateHistory.as_view()


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


@require_http_methods(["GET", "POST"])
def bulk_status(request):
    """Set one status, with one reason, on several initiatives at once (all or nothing)."""
    permissions.require_records_editor(request.user, "initiatives")
    initial = {"initiatives": request.GET.getlist("initiatives")}
    form = BulkStatusForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        updates, _ = run_service(
            form,
            lambda: services.initiatives_bulk_set_status(
                initiative_ids=[i.pk for i in data["initiatives"]],
                user=request.user,
                status=data["status"],
                date=data["date"],
                summary=data["summary"],
                evidence_url=data["evidence_url"],
            ),
        )
        if updates is not None:
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
meeting_create, meeting_edit, meeting_history = record_pages(
    noun="Meeting",
    form_class=MeetingForm,
    fields=services.MEETING_FIELDS,
    create=services.meeting_create,
    update=services.meeting_update,
    fetch=get_meeting_for_user,
    record_arg="meeting",
    what="meetings",
    list_url="initiatives:meeting_list",
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
