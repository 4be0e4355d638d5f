"""Forms for partners, users and roles, and reminder preferences."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.functional import lazy

from tracker import roles
from tracker.forms import RecordForm

from .models import Partner, UserProfile
from .services import PARTNER_FIELDS, PREFERENCE_FIELDS

ROLE_CHOICES = [
    (roles.OFFICER, "Secretariat officer: edits every tracking record"),
    (roles.FOCAL_POINT, "Focal point: reads everything, writes their member state's notes"),
    (roles.ADMIN, "Admin: everything, including users and roles"),
]


class PartnerForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Partner
        fields = PARTNER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Partner.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.add_edit_markers()
        self.fields["parent"].queryset = parents


def _password_rules() -> str:
    """The password rules in force, in words, shown before the first attempt."""
    return " ".join(password_validation.password_validators_help_texts())


# Lazy: the validators are read when the form is shown, so settings (and tests) decide.
PASSWORD_RULES = lazy(_password_rules, str)()


def _password_fields(label: str) -> tuple[forms.CharField, forms.CharField]:
    """A new password and the same once more (password1, password2)."""
    return (
        forms.CharField(
            label=label, widget=forms.PasswordInput, strip=False, help_text=PASSWORD_RULES
        ),
        forms.CharField(
            label=f"{label} again",
            widget=forms.PasswordInput,
            strip=False,
            help_text="The same password once more, to rule out a typing mistake.",
        ),
    )


def _check_passwords(form, data: dict, user) -> None:
    """The two entries agree and the password passes the validators in force (for `user`)."""
    p1, p2 = data.get("password1"), data.get("password2")
    if p1 and p2 and p1 != p2:
        form.add_error("password2", "The two passwords differ.")
    elif p1:
        try:
            password_validation.validate_password(p1, user)
        except forms.ValidationError as error:
            form.add_error("password1", error)


class _UserFields(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=ROLE_CHOICES, widget=forms.RadioSelect)
    member_state = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        help_text="Required for a focal point: the member state whose notes they write.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].queryset = Partner.objects.member_states().order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("role") == roles.FOCAL_POINT and not data.get("member_state"):
            self.add_error(
                "member_state",
                (
                    "Choose the member state this person reports for: a focal point speaks "
                    "for one member state. Or choose another role."
                ),
            )
        if data.get("role") and data.get("role") != roles.FOCAL_POINT:
            data["member_state"] = None
        return data


class UserCreateForm(_UserFields):
    username = forms.CharField(max_length=150)
    password1, password2 = _password_fields("Password")
    field_order = ["username", "email", "first_name", "last_name", "role", "member_state"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("This username is taken.")
        return username

    def clean(self):
        data = super().clean()
        # Not saved: the validators compare the password with the name and address given.
        candidate = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
        _check_passwords(self, data, candidate)
        return data


class UserEditForm(_UserFields):
    is_active = forms.BooleanField(
        required=False, label="Active", help_text="Inactive users cannot log in."
    )


class SetPasswordForm(forms.Form):
    password1, password2 = _password_fields("New password")

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        _check_passwords(self, data, self.user)
        return data


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = UserProfile
        fields = PREFERENCE_FIELDS
        labels = {
            "remind_stale": "Weekly reminder about my initiatives without a recent update",
            "remind_meeting": "A reminder to update my initiatives before a planned meeting",
            "digest_imports": "A digest of what changed after each confirmed statement import",
            "notify_updates": "An email when someone else records progress on my initiatives",
            "remind_implementation": (
                "Focal points: before each planned meeting, my member state's implementation "
                "records that need an update"
            ),
        }
