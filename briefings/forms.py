"""The pack's filters, read from the query string."""

from __future__ import annotations

from django import forms

from initiatives.choices import InitiativeKind
from initiatives.models import DesiredOutcome
from partners.models import Partner

from .content import Filters


class PackFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        choices=InitiativeKind.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    outcome = forms.MultipleChoiceField(
        required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    partner = forms.ChoiceField(required=False)
    lead = forms.ChoiceField(required=False, label="Lead body")
    changed = forms.BooleanField(required=False, label="Only what changed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = sorted(set(DesiredOutcome.objects.values_list("code", flat=True)))
        self.fields["outcome"].choices = [(c, c) for c in codes]
        partners = [
            (slug, short or name)
            for slug, name, short in Partner.objects.order_by("name").values_list(
                "slug", "name", "short_name"
            )
        ]
        self.fields["partner"].choices = [("", "Any partner"), *partners]
        self.fields["lead"].choices = [("", "Any lead body"), *partners]

    def filters(self) -> Filters:
        """The filters asked for; an invalid value is dropped rather than refused."""
        if not self.is_bound:
            return Filters()
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return Filters(
            kinds=list(data.get("kind") or []),
            outcomes=list(data.get("outcome") or []),
            partner=data.get("partner") or "",
            lead_body=data.get("lead") or "",
            only_changed=bool(data.get("changed")),
        )

    @classmethod
    def query_string(cls, filters: Filters) -> str:
        from urllib.parse import urlencode

        pairs = [("kind", k) for k in filters.kinds] + [("outcome", o) for o in filters.outcomes]
        if filters.partner:
            pairs.append(("partner", filters.partner))
        if filters.lead_body:
            pairs.append(("lead", filters.lead_body))
        if filters.only_changed:
            pairs.append(("changed", "on"))
        return urlencode(pairs)
