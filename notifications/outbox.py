"""The transactional outbox: notifications that survive a Celery broker outage.

A service that wants somebody told calls `outbox_add()` inside its transaction: the message row
commits with the record or not at all. After the commit we try to hand it to Celery; if the
broker is down that attempt is logged and forgotten, and the periodic `deliver_pending_outbox`
task (or `manage.py deliver_outbox`) delivers the row later. Delivery locks the row and marks it
delivered in the handler's transaction, so a message handed over twice is delivered once
(notifications/delivery.py). Each topic's handler is registered by the app that owns it
(notifications/registry.py).
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

# Delivery lives in delivery.py (the task calls it); its names stay importable from here.
from .delivery import MAX_ATTEMPTS, deliver, deliver_pending, pending_ids  # noqa: F401
from .models import OutboxMessage
from .registry import HANDLERS

logger = logging.getLogger(__name__)


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
        # ignore_result: nothing waits for the answer, so the result backend is not touched.
        deliver_outbox_message.apply_async(args=[message_id], retry=False, ignore_result=True)
    except Exception:
        logger.warning(
            "Outbox message %s not dispatched now (broker unavailable or delivery failed); "
            "the periodic delivery job will send it.",
            message_id,
            exc_info=True,
        )
        return False
    return True
