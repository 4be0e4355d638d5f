"""Forms of member-state implementation: they validate; the services decide."""

from __future__ import annotations

from django import forms

from tracker.forms import RecordForm

from .models import ImplementationRecord

RECORD_FORM_FIELDS = ["stage", "as_of", "evidence_url", "note"]


class ImplementationRecordForm(RecordForm):
    """One state's record on one initiative. A new record carries version 0: if someone else
    created it meanwhile, the save is refused with what they wrote."""

    uses_version = True

    class Meta(RecordForm.Meta):
        model = ImplementationRecord
        fields = RECORD_FORM_FIELDS
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "as_of": "The date the stage describes (not later than today).",
            "evidence_url": "A public page, gazette or report that shows it.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_edit_markers()
        if self.instance.pk is None:
            self.fields["version"].min_value = 0
            self.fields["version"].validators = []
            self.initial["version"] = 0


class QueryForm(forms.Form):
    reason = forms.CharField(
        label="What should the focal point clarify?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class VerifyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
