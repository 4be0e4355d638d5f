"""Celery tasks of member-state implementation: thin, idempotent."""

from celery import shared_task
from django.utils import timezone

from notifications.tasks import RETRY

from . import reminders


@shared_task(**RETRY)
def send_implementation_reminders() -> bool:
    """Daily: queue the focal points' reminder once per planned meeting (through the outbox)."""
    return reminders.queue_implementation_reminders(today=timezone.localdate())
