"""Delivering the outbox's messages: each by the handler registered for its topic.

Delivery locks the row and marks it delivered in the handler's transaction, so a message handed
over twice is delivered once. Kept apart from outbox.py, which hands messages to the Celery task
that calls back into this module.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxMessage
from .registry import HANDLERS

logger = logging.getLogger(__name__)

# After this many failed deliveries a message waits for an operator (it stays in the admin).
MAX_ATTEMPTS = 10


def deliver(message_id: int) -> bool:
    """Run a pending message's handler and mark it delivered, in one transaction.

    Returns False when there is nothing to do (already delivered, or another worker holds it).
    A handler failure is counted on the message and re-raised, for the task's retry policy.
    """
    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, delivered_at__isnull=True)
                .first()
            )
            if message is None:
                return False
            import_string(HANDLERS[message.topic])(**message.payload)
            message.delivered_at = timezone.now()
            message.attempts = F("attempts") + 1
            message.last_error = ""
            message.save(update_fields=["delivered_at", "attempts", "last_error"])
    except Exception as exc:
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return True


def pending_ids(*, limit: int = 200) -> list[int]:
    return list(
        OutboxMessage.objects.filter(delivered_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def deliver_pending(*, limit: int = 200) -> tuple[int, int]:
    """Deliver every pending message, oldest first; returns (delivered, failed)."""
    delivered = failed = 0
    for message_id in pending_ids(limit=limit):
        try:
            delivered += deliver(message_id)
        except Exception:
            failed += 1
            logger.exception("Outbox message %s could not be delivered", message_id)
    return delivered, failed
