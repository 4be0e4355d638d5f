"""What the tracker has to tell people, and what it has already told them.

`OutboxMessage` is the transactional outbox: a row written in the same transaction as the record
it is about, so that a save never depends on the Celery broker being up. `ReminderLog` makes every
email idempotent: one row per user, kind and period, so a task that runs twice sends once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class OutboxMessage(models.Model):
    class Topic(models.TextChoices):
        PROGRESS_RECORDED = "progress_recorded", "Progress recorded"
        STATEMENT_CONFIRMED = "statement_confirmed", "Statement import confirmed"

    topic = models.CharField(max_length=40, choices=Topic.choices)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(delivered_at__isnull=True),
                name="outbox_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        state = "delivered" if self.delivered_at else "pending"
        return f"{self.get_topic_display()} #{self.pk} ({state})"

    @property
    def is_pending(self) -> bool:
        return self.delivered_at is None


class ReminderLog(models.Model):
    class Kind(models.TextChoices):
        STALE = "stale", "Weekly stale-initiative reminder"
        MEETING = "meeting", "Reminder before a planned meeting"
        DIGEST = "digest", "Digest of a confirmed statement import"
        PROGRESS = "progress", "Progress recorded on an owned initiative"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_logs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period = models.CharField(
        max_length=80, help_text="What the reminder is for: an ISO week, a meeting, a statement."
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="reminder_once_per_user_kind_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} ({self.period})"
