"""The importer's data: the phrase-to-status rules and each run from upload to confirmation."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tracker.models import TimeStampedModel, user_field

from ..choices import (
    MatchKind,
    status_field,
)
from .meetings import Statement


class StatusRule(TimeStampedModel):
    """One row of the importer's phrase-to-status table, editable by admins.

    The importer takes the action phrase governing a mention and applies the enabled rules in
    order of priority (highest first); the first that matches sets the status.
    """

    pattern = models.CharField(max_length=300)
    match_kind = models.CharField(
        max_length=20, choices=MatchKind.choices, default=MatchKind.SUBSTRING
    )
    status = status_field(
        "Blank: the phrase says nothing about progress (e.g. 'expressed appreciation')."
    )
    priority = models.IntegerField(
        default=100, help_text="Higher runs first; longer, more specific phrases deserve more."
    )
    enabled = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-priority", "pattern"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "match_kind"], name="status_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern!r} → {self.status or 'no status'}"


class ImportJob(TimeStampedModel):
    """One run of the statement importer, from upload to confirmation.

    The uploaded bytes stay here until the officer confirms or discards the proposal, so that
    parsing can run in a Celery worker and nothing reaches the tracking tables before confirmation.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be parsed"
        PARSING = "parsing", "Parsing"
        READY = "ready", "Ready for review"
        FAILED = "failed", "Failed"
        CONFIRMED = "confirmed", "Confirmed"
        DISCARDED = "discarded", "Discarded"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = user_field()
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    source_url = models.URLField(max_length=500, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    proposal = models.JSONField(null=True, blank=True)
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="import_progress_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Import of {self.filename or 'pasted text'} ({self.get_state_display()})"
