"""The transactional outbox: notifications that survive a Celery broker outage.

A service that wants somebody told calls `outbox_add()` inside its transaction: the message row
commits with the record or not at all. After the commit we try to hand it to Celery; if the
broker is down that attempt is logged and forgotten, and the periodic `deliver_pending_outbox`
task (or `manage.py deliver_outbox`) delivers the row later. Delivery locks the row and marks it
delivered in the handler's transaction, so a message handed over twice is delivered once.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# topic -> the function that delivers it, called with the message payload as keyword arguments.
HANDLERS = {
    OutboxMessage.Topic.PROGRESS_RECORDED: "initiatives.reminders.deliver_progress_notice",
    OutboxMessage.Topic.STATEMENT_CONFIRMED: "initiatives.reminders.deliver_statement_digest",
}
# After this many failed deliveries a message waits for an operator (it stays in the admin).
MAX_ATTEMPTS = 10


def outbox_add(*, topic: str, payload: dict) -> OutboxMessage:
    """Queue a notification in the caller's transaction; try to dispatch it after the commit."""
    if topic not in HANDLERS:
        raise ValueError(f"No handler for outbox topic {topic!r}")
    message = OutboxMessage.objects.create(topic=topic, payload=payload)
    transaction.on_commit(partial(try_dispatch, message.pk))
    return message


def try_dispatch(message_id: int) -> bool:
    """Hand a message to Celery; never raise, because the record it is about is already saved.

    Returns False when the broker could not be reached (or delivery failed in eager mode): the
    message stays pending for the periodic job.
    """
    from .tasks import deliver_outbox_message

    try:
        # No publish retries: with the broker down the web request must not hang; the periodic
        # job is the retry.
        deliver_outbox_message.apply_async(args=[message_id], retry=False)
    except Exception:
        logger.warning(
            "Outbox message %s not dispatched now (broker unavailable or delivery failed); "
            "the periodic delivery job will send it.",
            message_id,
            exc_info=True,
        )
        return False
    return True


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
