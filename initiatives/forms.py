"""Forms of the records officers and focal points edit: validation only, saving is in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from partners.models import Partner
from tracker import roles
from tracker.forms import DATE_INPUT, RecordForm
from tracker.security import validate_sane_date

from .choices import Status
from .models import Initiative, Meeting, ProgressUpdate, Topic
from .services import INITIATIVE_FIELDS, MEETING_FIELDS
from .status import status_label


def owner_choices():
    """People who can own an initiative (tracker.roles holds the rule)."""
    return roles.initiative_owner_candidates()


class InitiativeForm(RecordForm):
    uses_version = True
    # Not a field of the model's row (an initiative's topics are a table of their own): saved
    # by topics.topics_set once the service has saved the initiative.
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "What the initiative is about, for the Topic filter of the lists. A new initiative "
            "gets the topics its names suggest as well as those ticked here."
        ),
    )

    class Meta(RecordForm.Meta):
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"aliases": "Other names and spellings used in statements, one per line."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices()
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["lead_body"].queryset = Partner.objects.order_by("name")
        self.fields["work_plan_partner"].queryset = Partner.objects.order_by("name")
        parents = Initiative.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.add_edit_markers()
        self.fields["parent"].queryset = parents
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["topics"] = list(self.instance.topics.all())


class MeetingForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Meeting
        fields = MEETING_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = Partner.objects.member_states().order_by("name")
        for name in ("chair_country", "vice_chair_country"):
            self.fields[name].queryset = states
        self.fields["host"].queryset = Partner.objects.order_by("name")
        if self.instance.pk:
            self.add_edit_markers()
            # A meeting has no version column: this marker is the whole check, so a post
            # without it is refused rather than saved over whatever changed meanwhile.
            self.fields["seen_history"].required = self.initial.get("seen_history") is not None


class ProgressUpdateForm(RecordForm):
    """An officer's progress update; choosing a status makes it a status change."""

    uses_version = True
    percent_complete = forms.IntegerField(
        min_value=0, max_value=100, required=False, label="Percent complete"
    )

    class Meta(RecordForm.Meta):
        model = ProgressUpdate
        fields = ["date", "status", "percent_complete", "summary", "evidence_url"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "status": "New status",
            "percent_complete": "Percent complete",
            "summary": "Summary: what happened, and the reason for a status change",
            "evidence_url": "Evidence link",
        }
        help_texts = {
            "status": "Leave at “no change” unless the status itself moves.",
            "summary": "Basic formatting is kept (bold, italics, lists, links); anything else "
            "is removed.",
            "evidence_url": "A public page or document that shows it, where there is one.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [("", "— no change —"), *Status.choices]
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
        else:
            self.add_edit_markers()


class CountryNoteForm(ProgressUpdateForm):
    """A member state's note: no status. Officers pick the state; a focal point's is fixed."""

    member_state = forms.ModelChoiceField(
        queryset=Partner.objects.none(), label="Member state", required=True
    )

    class Meta(ProgressUpdateForm.Meta):
        fields = ["member_state", "date", "percent_complete", "summary", "evidence_url"]
        labels = {**ProgressUpdateForm.Meta.labels, "summary": "Note"}

    def __init__(self, *args, fixed_state: Partner | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_state is not None or self.instance.pk:
            # The state of a note never changes; a focal point writes only for their own.
            del self.fields["member_state"]
        else:
            self.fields["member_state"].queryset = Partner.objects.member_states().order_by("name")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=100,
        required=False,
        label="Reason (optional)",
        help_text="Kept in the history, e.g. “recorded on the wrong initiative”.",
    )


class BulkStatusForm(forms.Form):
    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one initiative."},
    )
    status = forms.ChoiceField(choices=[("", "— choose —"), *Status.choices], label="New status")
    date = forms.DateField(
        widget=DATE_INPUT, initial=timezone.localdate, validators=[validate_sane_date]
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Reason for the change",
        help_text="Recorded as a progress update on each selected initiative.",
    )
    evidence_url = forms.URLField(
        required=False, label="Evidence link", max_length=500, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].label_from_instance = lambda i: (
            f"{i.label} ({status_label(i.status)})"
        )


class AsOfForm(forms.Form):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.filter(start_date__isnull=False, is_planned=False).order_by(
            "-start_date"
        ),
        required=False,
        to_field_name="slug",
        empty_label="— pick a meeting —",
    )
    date = forms.DateField(required=False, widget=DATE_INPUT, label="or a date")

    def clean(self):
        data = super().clean()
        if not data.get("meeting") and not data.get("date"):
            data["date"] = timezone.localdate()
        return data

    @property
    def on(self):
        meeting = self.cleaned_data.get("meeting")
        return meeting.start_date if meeting else self.cleaned_data["date"]
