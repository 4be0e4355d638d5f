"""Form helpers every app's forms share: field defaults, edit markers, a quick select."""

from __future__ import annotations

from django import forms
from django.db import models
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from tracker.history import latest_history_id
from tracker.security import validate_sane_date

# The browser's date picker; ISO dates are what it reads and sends.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def formfield(model_field, **kwargs):
    """ModelForm fields as Django makes them, with links assumed https:// when typed bare and
    dates picked with the browser's date input and kept within the tracker's range; text boxes
    three lines high unless a form's Meta.widgets says otherwise."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if type(model_field) is models.DateField:
        kwargs.setdefault("widget", DATE_INPUT)
    elif isinstance(model_field, models.TextField) and not model_field.choices:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    field = model_field.formfield(**kwargs)
    if type(model_field) is models.DateField:
        field.validators.append(validate_sane_date)  # 1990-2100, as the API and importer
    return field


class EditMarkersMixin:
    """Hidden fields recording which state of the record the editor started from.

    `seen_history` is the newest history row when the form was opened; models with a version
    column also carry `version`. The services compare both with the database when saving.
    """

    uses_version = False
    both_changed: list[str] = []

    def add_edit_markers(self) -> None:
        instance = self.instance
        if self.uses_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
            self.initial.setdefault("version", instance.version)
        self.fields["seen_history"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.initial.setdefault("seen_history", latest_history_id(instance))

    def restart_from(self, conflict) -> None:
        """After a refused save, prepare the form for a deliberate second save.

        The markers move to the saved state. Fields the other person changed and this editor
        left alone take the saved value; fields both changed keep this editor's value (listed
        in `both_changed`), so saving again overwrites only what this editor chose to.
        """
        record = conflict.record
        data = self.data.copy()
        if self.uses_version:
            data["version"] = record.version
        data["seen_history"] = latest_history_id(record) or ""
        self.both_changed = []
        for change in conflict.changes:
            if change.field not in self.fields or conflict.seen is None:
                continue
            model_field = record._meta.get_field(change.field)
            mine = self.cleaned_data.get(change.field)
            mine = mine.pk if isinstance(mine, models.Model) else mine
            base = getattr(conflict.seen, model_field.attname)
            saved = getattr(record, model_field.attname)
            if _same(mine, saved):
                continue  # both made the same change
            if _same(mine, base):
                _put(data, change.field, saved)
            else:
                self.both_changed.append(change.label)
        self.data = data

    def edit_markers(self) -> dict:
        markers = {"seen_history_id": self.cleaned_data.get("seen_history")}
        if self.uses_version:
            markers["expected_version"] = self.cleaned_data["version"]
        return markers

    def changes(self, names) -> dict:
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class RecordForm(EditMarkersMixin, forms.ModelForm):
    """The form of a tracked record: edit markers, and model fields made by `formfield`.
    A subclass's Meta inherits RecordForm.Meta, which is where Django reads the callback."""

    class Meta:
        formfield_callback = formfield


def _same(a, b) -> bool:
    return a == b or (a in (None, "") and b in (None, ""))


def _put(data, name: str, value) -> None:
    """Write a model value into form data as a browser would have posted it."""
    if isinstance(value, bool):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif value is None:
        data[name] = ""
    elif hasattr(value, "isoformat"):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)


class QuickSelect(forms.Select):
    """A drop-down list drawn in Python: the same markup as Django's template for it, at a
    fraction of the cost (filter panels draw a few hundred options on every list page)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group, options, _ in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part was escaped by format_html


def quick_selects(form: forms.Form) -> None:
    """Swap the plain drop-down lists of a form for QuickSelect, keeping attrs and choices."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            old = field.widget
            field.widget = QuickSelect(attrs=old.attrs, choices=old.choices)
            field.widget.is_required = old.is_required
