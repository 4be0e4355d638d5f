"""Member-state implementation of regional commitments: one record per initiative and state.

Writes go through implementation/services.py; these classes hold the data and its constraints.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from simple_history.models import HistoricalRecords

from initiatives.models import Initiative
from partners.models import Partner
from tracker.models import TimeStampedModel, user_field

from .choices import Stage, Verification

SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


class NationalScope(TimeStampedModel):
    """Marks an initiative as one that each member state carries out at home.

    Kept beside the initiative (not as a column of it) so that the initiatives app knows nothing
    of implementation. Switching it off keeps the records and their history; they stop showing.
    """

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="national_scope"
    )
    implemented_nationally = models.BooleanField(default=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="Why it is tracked per member state, or a source."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "national implementation scope"

    def __str__(self) -> str:
        flag = "implemented nationally" if self.implemented_nationally else "regional only"
        return f"{self.initiative}: {flag}"


class ImplementationRecordQuerySet(models.QuerySet):
    def tracked(self):
        """Records of initiatives currently marked as implemented nationally."""
        return self.filter(initiative__national_scope__implemented_nationally=True)


class ImplementationRecord(TimeStampedModel):
    """Where one member state stands on one initiative, and whether the secretariat verified it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="implementation_records"
    )
    member_state = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": "member_state"},
        related_name="implementation_records",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED)
    as_of = models.DateField(help_text="The date the stage describes.")
    evidence_url = models.URLField("evidence link", max_length=500, blank=True)
    note = models.TextField(blank=True)
    verification = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verified_by = user_field(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    query_reason = models.TextField(
        blank=True, help_text="What the secretariat asks the focal point to clarify."
    )
    updated_by = user_field(blank=True)
    is_example = models.BooleanField(
        default=False, help_text="Example content loaded with the demo, not a real report."
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every save, so that concurrent edits are detected."
    )

    # The version is kept in the history too, so that a stale save through the API (which knows
    # only the version it read) can say what changed since.
    history = HistoricalRecords()
    objects = ImplementationRecordQuerySet.as_manager()

    class Meta:
        ordering = ["initiative__name", "member_state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member_state"], name="implementation_one_per_state"
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="implementation_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(verification__in=Verification.values),
                name="implementation_verification_valid",
            ),
            models.CheckConstraint(
                condition=~Q(verification="verified") | Q(verified_at__isnull=False),
                name="implementation_verified_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(verification="queried") | ~Q(query_reason=""),
                name="implementation_query_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["member_state", "verification"], name="implementation_state_ver"),
            # The scorecard's and the dashboard's counts read this index alone, in its order: no
            # table rows, no sort. Member state first: a stage first would draw lookups by
            # initiative and stage here.
            models.Index(
                fields=["member_state", "stage", "verification", "initiative", "as_of"],
                name="implementation_counts_as_of",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_state.label}: {self.initiative.label}"

    def get_absolute_url(self) -> str:
        return record_url(self.initiative.slug, self.member_state.slug)


@lru_cache(maxsize=8)
def _record_url_prefix(script_prefix: str) -> str:
    return reverse("implementation:record", args=["ini", "sta"]).rsplit("ini/sta/", 1)[0]


def record_url(initiative_slug: str, state_slug: str) -> str:
    """A record's page by slugs, one reverse() per process: pages list hundreds of them."""
    if not (SLUG.match(initiative_slug) and SLUG.match(state_slug)):
        return reverse("implementation:record", args=[initiative_slug, state_slug])
    return f"{_record_url_prefix(get_script_prefix())}{initiative_slug}/{state_slug}/"


def is_member_on(state: Partner, on: date) -> bool:
    """A member state counts from its admission date (Timor-Leste: 26 October 2025)."""
    return state.member_since is None or state.member_since <= on
