"""The initiatives the ministers talk about, their masterplans' desired outcomes and partners."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partners.models import Partner
from tracker.models import NamedModel, user_field

from ..choices import (
    DatePrecision,
    InitiativeKind,
    PartnerRole,
    status_check,
    status_field,
)


class DesiredOutcome(models.Model):
    """A desired outcome of a masterplan (DO1-DO8 of ADM 2025) that initiatives serve."""

    masterplan = models.ForeignKey(
        "Initiative", on_delete=models.CASCADE, related_name="desired_outcomes"
    )
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="outcome_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


# The facts derived from evidence by the status engine, stored on the row and kept by
# initiatives.signals.refresh_tracking(); not editable, and not in the history.
TRACKED_FIELDS = (
    "status",
    "status_changed_on",
    "status_reaffirmed_on",
    "mention_count",
    "last_mentioned_on",
    "last_update_on",
    "last_evidence_on",
    "last_mention_evidence",
    "expected_by",
    "expected_met",
)


def kept_date(help_text: str) -> models.DateField:
    """A date kept by initiatives.signals from other records: never typed in a form."""
    return models.DateField(null=True, blank=True, editable=False, help_text=help_text)


class Initiative(NamedModel):
    """A masterplan, framework, agreement, guide, work plan ... that statements talk about.

    `status` is the current status: the latest one said by a meeting or recorded by an officer.
    It is stored (and refreshed by the services) so that lists and filters need no subquery.
    """

    acronym = models.CharField(max_length=40, blank=True, db_index=True)
    kind = models.CharField(
        max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.OTHER, db_index=True
    )
    description = models.TextField(blank=True)
    status = status_field(db_index=True, default="")
    status_changed_on = models.DateField(
        null=True, blank=True, help_text="Since when the current status has held."
    )
    status_reaffirmed_on = kept_date("When the status was last said again.")
    # Derived facts kept by initiatives.signals (read there why); no history of their own.
    mention_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Mentions at any meeting."
    )
    last_mentioned_on = kept_date("Start of the latest held meeting that mentioned it.")
    last_update_on = kept_date("Date of the latest officer progress update that is not withdrawn.")
    last_evidence_on = kept_date(
        "Latest evidence of any kind: a held meeting's mention, an update, a note."
    )
    last_mention_evidence = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="How the latest held meeting's mention is known: quotation, report, entry.",
    )
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    expected_date = models.DateField(
        null=True, blank=True, help_text="When the next step is due (earliest date of the text)."
    )
    expected_text = models.CharField(max_length=100, blank=True, help_text='e.g. "early 2023".')
    expected_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    expected_status = status_field(
        "The status when the next step was expected; moving past it meets it."
    )
    # Kept by initiatives.signals from the fields above and the status that holds.
    expected_by = kept_date("Last day of the expected period.")
    expected_met = models.BooleanField(default=False, editable=False)
    lead_body = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_initiatives"
    )
    partners = models.ManyToManyField(
        Partner, through="InitiativePartner", related_name="initiatives", blank=True
    )
    work_plan_partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_plans",
        help_text="For a yearly work plan: the dialogue partner it is agreed with.",
    )
    work_plan_year = models.PositiveSmallIntegerField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    outcomes = models.ManyToManyField(DesiredOutcome, related_name="initiatives", blank=True)
    owner = user_field("owned_initiatives", blank=True)
    sources = models.TextField(blank=True, help_text="Source URLs, one per line.")
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every edit, so that concurrent edits are detected."
    )

    # The status and the facts derived from evidence are a cache kept by initiatives.tracking;
    # their changes are told by the evidence itself (the timeline, the status feed), not history.
    # `version` stays in the history (hidden on history pages), so that a 409 can say what
    # changed since the version an API client sent.
    history = HistoricalRecords(excluded_fields=list(TRACKED_FIELDS))

    class Meta:
        ordering = ["name"]
        indexes = [
            # The dashboard's overdue and coming-up lists.
            models.Index(fields=["expected_date", "name"], name="initiative_expected"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="initiative_period_in_order",
            ),
            status_check("initiative_status_valid"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="initiative_not_own_parent"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.slug])

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def period(self) -> str:
        return format_period(self.period_start, self.period_end)

    @property
    def expected_label(self) -> str:
        """The expected step's date as precisely as it was said: "2023", not "1 Jan 2023"."""
        from ..status import format_expected

        if not self.expected_date:
            return self.expected_text
        return format_expected(self.expected_date, self.expected_precision)

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        from ..status import is_overdue

        return is_overdue(
            expected_on=self.expected_date,
            precision=self.expected_precision,
            expected_status=self.expected_status,
            held=self.status,
            today=timezone.localdate(),
        )

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def names(self) -> list[str]:
        names = super().names()
        if self.acronym and self.acronym not in names:
            names.append(self.acronym)
        return names


def format_period(start: int | None, end: int | None) -> str:
    """An initiative's period as pages and exports show it: 2021-2025, from 2021, until 2025."""
    if start and end:
        return f"{start}-{end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


class InitiativePartner(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partner_roles"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="initiative_roles")
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "role", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "partner", "role"], name="initiative_partner_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()}) in {self.initiative}"
