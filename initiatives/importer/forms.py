"""Forms of the import screens: the upload, and the review of a proposal."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms import formset_factory

from partners.models import Partner
from tracker.security import validate_sane_date

from ..choices import InitiativeKind, Status
from ..models import Initiative
from ..status import status_label
from .proposal import ACCEPT, MERGE, REJECT

ENCODINGS = [
    ("", "Detect automatically"),
    ("utf-8", "UTF-8"),
    ("cp1252", "Windows-1252 (Western European)"),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("utf-16", "UTF-16"),
]


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        required=False,
        allow_empty_file=True,  # the importer says why an empty file cannot be imported
        help_text="Markdown, HTML, plain text, PDF (with a text layer) or Word (.docx).",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Or paste the statement's text",
    )
    encoding = forms.ChoiceField(
        choices=ENCODINGS,
        required=False,
        help_text="Only for text files whose characters come out wrong.",
    )
    source_url = forms.URLField(
        required=False, max_length=500, label="Published at (link)", assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "")
        if upload and text.strip():
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if upload is None and not text.strip():
            raise forms.ValidationError("Choose a file to upload or paste the statement's text.")
        limit = settings.IMPORT_MAX_BYTES
        if upload is not None:
            if upload.size > limit:
                raise forms.ValidationError(
                    f"The file is {_size(upload.size)}; statements larger than {_size(limit)} "
                    "are refused."
                )
            data["data"], data["filename"] = upload.read(), upload.name
        else:
            data["data"], data["filename"] = text.encode("utf-8"), ""
            data["encoding"] = "utf-8"  # pasted text reaches us as Unicode already
        return data


class MeetingReviewForm(forms.Form):
    title = forms.CharField(max_length=300, required=False)
    start_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_sane_date],
    )
    end_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_sane_date],
    )
    venue = forms.CharField(max_length=300, required=False)
    host = forms.ModelChoiceField(Partner.objects.member_states(), required=False)
    chair_name = forms.CharField(max_length=200, required=False)
    chair_title = forms.CharField(max_length=300, required=False)
    chair_country = forms.ModelChoiceField(Partner.objects.member_states(), required=False)
    vice_chair_name = forms.CharField(max_length=200, required=False)
    vice_chair_title = forms.CharField(max_length=300, required=False)
    vice_chair_country = forms.ModelChoiceField(Partner.objects.member_states(), required=False)
    theme = forms.CharField(max_length=300, required=False)
    declaration = forms.CharField(max_length=300, required=False)

    @classmethod
    def initial_from(cls, values: dict) -> dict:
        initial = {k: v for k, v in values.items() if not k.endswith("_id")}
        for name in ("host", "chair_country", "vice_chair_country"):
            initial[name] = values.get(f"{name}_id")
        return initial

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The meeting cannot end before it starts.")
        if not start:
            self.add_error("start_date", "Enter the date the meeting began.")
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            k: v
            for k, v in data.items()
            if k not in ("host", "chair_country", "vice_chair_country")
        }
        for name in ("start_date", "end_date"):
            values[name] = values[name].isoformat() if values[name] else None
        for name in ("host", "chair_country", "vice_chair_country"):
            values[f"{name}_id"] = data[name].pk if data.get(name) else None
        return values


class MentionReviewForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    keep = forms.BooleanField(required=False, label="Keep")
    status = forms.ChoiceField(
        choices=[("", status_label(""))] + list(Status.choices), required=False
    )
    expected_text = forms.CharField(max_length=100, required=False, label="Expected")


class CandidateReviewForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(ACCEPT, "Accept as new"), (MERGE, "Merge into"), (REJECT, "Reject")],
        widget=forms.RadioSelect,
    )
    merge_into = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Existing initiative"
    )
    name = forms.CharField(max_length=300)
    acronym = forms.CharField(max_length=40, required=False)
    kind = forms.ChoiceField(choices=InitiativeKind.choices)

    def __init__(self, *args, initiative_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # One list shared by every row, instead of one query per row.
        self.fields["merge_into"].choices = [("", "—")] + list(initiative_choices)

    def clean(self):
        data = super().clean()
        if data.get("action") == MERGE and not data.get("merge_into"):
            self.add_error("merge_into", "Choose the initiative to merge into.")
        name = (data.get("name") or "").strip()
        if data.get("action") == ACCEPT and Initiative.objects.filter(name__iexact=name).exists():
            self.add_error("name", "An initiative with this name exists: merge into it instead.")
        return data


MentionReviewFormSet = formset_factory(MentionReviewForm, extra=0)
CandidateReviewFormSet = formset_factory(CandidateReviewForm, extra=0)


def initiative_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{name} ({acronym})" if acronym else name)
        for pk, name, acronym in Initiative.objects.order_by("name").values_list(
            "pk", "name", "acronym"
        )
    ]
