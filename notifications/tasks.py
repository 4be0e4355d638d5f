"""Celery tasks for reminders and the outbox: thin, idempotent, retried on transient failures."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone
from django.utils.module_loading import import_string

from . import delivery
from .registry import SCHEDULED

# Failures worth another try: the mail server or the database briefly away.
TRANSIENT_ERRORS = (SMTPException, ConnectionError, TimeoutError, OperationalError)
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
}


def run_scheduled(name: str) -> int:
    """Run the reminder an app registered under `name` (initiatives registers stale, meeting)."""
    return import_string(SCHEDULED[name])(today=timezone.localdate())


@shared_task(**RETRY)
def send_stale_reminders() -> int:
    """Weekly: each owner of stale initiatives gets one email per ISO week."""
    return run_scheduled("stale")


@shared_task(**RETRY)
def send_meeting_reminders() -> int:
    """Daily: within 30 days of the next planned meeting, each owner is asked once to update."""
    return run_scheduled("meeting")


@shared_task(**RETRY)
def deliver_outbox_message(message_id: int) -> bool:
    return delivery.deliver(message_id)


@shared_task
def deliver_pending_outbox() -> dict:
    """Periodic sweep of messages whose dispatch failed (broker down) or whose delivery failed."""
    delivered, failed = delivery.deliver_pending()
    return {"delivered": delivered, "failed": failed}
