"""Reminders and the outbox through a real Celery worker and broker (Redis in CI)."""

import time
from datetime import date

import pytest

from initiatives import services
from initiatives.models import Initiative
from notifications.models import OutboxMessage, ReminderLog
from notifications.tasks import deliver_pending_outbox, send_stale_reminders
from tests.broker import BROKER, broker_unreachable
from tests.factories import make_user
from tracker import roles

pytestmark = [
    pytest.mark.services,
    # The worker needs committed rows; the roles of the data migration come back afterwards.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not BROKER.startswith("redis"),
        reason="no CELERY_BROKER_URL=redis://... set: the real-worker tests run in .ci/run",
    ),
]


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail("the worker did not finish in time")


def test_the_stale_reminder_run_twice_by_a_worker_sends_each_owner_once(worker):  # noqa: F811
    owners = [make_user(f"owner{n}", roles.OFFICER) for n in (1, 2)]
    for n, owner in enumerate(owners):
        Initiative.objects.create(name=f"Stale Plan {n}", slug=f"stale-{n}", owner=owner)

    first = send_stale_reminders.delay()
    second = send_stale_reminders.delay()
    assert first.get(timeout=60) + second.get(timeout=60) == 2
    assert ReminderLog.objects.filter(kind="stale").count() == 2
    print(f"\nCelery: stale reminders {first.id}, {second.id} run by a real worker: 2 emails")


def test_a_notification_saved_while_the_broker_is_down_goes_out_when_it_is_back(
    worker,  # noqa: F811
):
    owner = make_user("owner", roles.OFFICER)
    author = make_user("author", roles.OFFICER)
    initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=owner)

    # The broker is "down" (nothing listens where Celery publishes) while the update is saved.
    with broker_unreachable():
        update = services.progress_update_create(
            initiative=initiative, user=author, date=date(2024, 5, 1), summary="Saved anyway."
        )

    message = OutboxMessage.objects.get()
    assert update.pk and message.is_pending

    # The broker is back: the periodic sweep runs on the worker and delivers the notice.
    assert deliver_pending_outbox.delay().get(timeout=60) == {"delivered": 1, "failed": 0}
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert ReminderLog.objects.filter(user=owner, kind="progress").count() == 1


def test_with_the_broker_up_the_worker_delivers_the_notice_by_itself(worker):  # noqa: F811
    owner = make_user("owner", roles.OFFICER)
    author = make_user("author", roles.OFFICER)
    initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=owner)
    services.progress_update_create(
        initiative=initiative, user=author, date=date(2024, 5, 1), summary="Delivered live."
    )
    wait_for(lambda: OutboxMessage.objects.filter(delivered_at__isnull=False).exists())
    assert ReminderLog.objects.filter(user=owner, kind="progress").count() == 1
