"""A Celery worker killed mid-task (SIGKILL): the task runs again, and its effect happens once.

The task is the outbox's delivery of a progress notice to the initiative's owner. The mail sink
stops answering, so the task is caught mid-way: inside its transaction, holding the outbox row
and the notice's log row, in the middle of the SMTP conversation. Then the worker dies. The
killed run's transaction dies with its connection; acks_late leaves the message unacknowledged,
so it runs again, and the owner gets exactly one email.
"""

import os
import signal
import time
from datetime import date

import pytest

from initiatives import services
from initiatives.models import Initiative
from notifications.models import OutboxMessage, ReminderLog
from tests.factories import make_user
from tracker import roles

from . import kit

pytestmark = kit.MARKS


@pytest.fixture
def notice(db):
    """A progress update on an initiative someone else owns: one email due to the owner."""
    owner = make_user("owner", roles.OFFICER)
    author = make_user("author", roles.OFFICER)
    initiative = Initiative.objects.create(name="Killed Worker Plan", slug="kwp", owner=owner)

    def record():
        return services.progress_update_create(
            initiative=initiative, user=author, date=date(2026, 5, 1), summary="Round 4."
        )

    return record


def settled(sink, seconds: float = 4.0) -> None:
    """Give a duplicate run the time it would need to show itself."""
    time.sleep(seconds)


def test_a_pool_process_killed_mid_task_is_requeued_and_sends_once(sink, celery_processes, notice):
    worker = celery_processes.worker("killed-pool", kit.celery_env(sink))
    sink.hold()
    with kit.publishing_to_redis():
        notice()
    kit.wait_for(sink.held.is_set, 60, "the notice task reaching the mail server")
    message = OutboxMessage.objects.get()
    assert message.is_pending

    [child] = worker.children()
    os.kill(child, signal.SIGKILL)  # the pool process running the task, as the OOM killer would
    sink.release()

    kit.wait_for(
        lambda: OutboxMessage.objects.filter(delivered_at__isnull=False).exists(),
        60,
        "the notice being delivered by the task's second run",
    )
    settled(sink)
    message.refresh_from_db()
    assert len(sink.messages) == 1, f"{len(sink.messages)} emails for one notice"
    assert ReminderLog.objects.filter(kind="progress").count() == 1
    # The killed run's attempt was rolled back with its transaction: one attempt counted.
    assert message.attempts == 1
    assert kit.redis_queue_lengths() == (0, 0)
    log = worker.output()
    assert "SIGKILL" in log or "WorkerLostError" in log, log[-2000:]
    print(
        f"\nFault: pool process {child} SIGKILLed mid-task; the task ran again on the worker: "
        f"1 email, 1 log row, attempts={message.attempts}, queue empty"
    )


def test_a_whole_worker_killed_mid_task_is_redelivered_to_another_once(
    sink, celery_processes, notice
):
    # Redis hands an unacknowledged message to another consumer after the visibility timeout
    # (an hour in production; a few seconds here so the run stays short).
    env = kit.celery_env(sink, CELERY_VISIBILITY_TIMEOUT="5")
    first = celery_processes.worker("killed-whole", env)
    sink.hold()
    with kit.publishing_to_redis():
        notice()
    kit.wait_for(sink.held.is_set, 60, "the notice task reaching the mail server")
    first.kill_all()  # the worker and its pool, as when its container is killed
    sink.release()
    assert kit.redis_queue_lengths()[1] == 1, "the message is delivered and unacknowledged"

    celery_processes.worker("survivor", env)
    # kombu sweeps for unacknowledged messages past the timeout about every 10 x 10 s
    # (unacked_restore_interval x unacked_restore_throttle): 90 s was sometimes too short.
    kit.wait_for(
        lambda: OutboxMessage.objects.filter(delivered_at__isnull=False).exists(),
        180,
        "the notice being redelivered to the surviving worker",
    )
    settled(sink)
    message = OutboxMessage.objects.get()
    assert len(sink.messages) == 1, f"{len(sink.messages)} emails for one notice"
    assert ReminderLog.objects.filter(kind="progress").count() == 1
    assert message.attempts == 1
    assert kit.redis_queue_lengths() == (0, 0)
    print(
        "\nFault: worker and pool SIGKILLed mid-task; Redis redelivered the task to another "
        "worker after the visibility timeout: 1 email, 1 log row"
    )
