"""Redis stopped while people save: each save answers within a second, and every notification
saved meanwhile is delivered once Redis is back (the outbox, swept by beat on a real worker)."""

import time
from datetime import date

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives.models import Initiative
from notifications.models import OutboxMessage, ReminderLog
from tests.factories import make_user
from tracker import roles

from . import kit

pytestmark = kit.MARKS


def test_saves_answer_fast_with_redis_stopped_and_notices_follow_when_it_returns(
    sink, celery_processes
):
    owner = make_user("owner", roles.OFFICER)
    author = make_user("author", roles.OFFICER)
    initiative = Initiative.objects.create(name="Broker Outage Plan", slug="bop", owner=owner)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=author).key}")
    env = kit.celery_env(sink, OUTBOX_DELIVERY_SECONDS="2")
    celery_processes.worker("outage", env)
    celery_processes.beat(env)

    def save(day: int) -> tuple[int, float]:
        started = time.monotonic()
        response = api.post(
            "/api/progress-updates/",
            {"initiative": initiative.slug, "date": date(2026, 5, day).isoformat(),
             "summary": f"Update {day}"},
            format="json",
        )  # fmt: skip
        return response.status_code, time.monotonic() - started

    with kit.publishing_to_redis():
        # With Redis up, the notices go straight to the worker; this process's pool holds a
        # live connection to Redis when it stops, as a web process would. The first save pays
        # for imports; the next two are the baseline of a save on this machine.
        up = [save(day) for day in (1, 2, 3)]
        kit.wait_for(lambda: sink.count("Update 3") == 1, 60, "the notices sent with Redis up")
        with kit.redis_stopped():
            timings = [save(day) for day in (4, 5, 6)]
            pending = OutboxMessage.objects.filter(delivered_at__isnull=True).count()
        stopped_for = sum(t for _, t in timings)
    assert [status for status, _ in up + timings] == [201] * 6
    baseline = max(t for _, t in up[1:])
    slowest = max(t for _, t in timings)
    # The broker must add well under a second (it added 19 s before the fix); on a loaded CI
    # machine the save itself can take about that long, so it is measured against the same
    # save with Redis up, and bounded outright.
    assert slowest - baseline < 1 and slowest < 3, (
        f"with Redis up {[round(t, 2) for _, t in up[1:]]} s, stopped "
        f"{[round(t, 2) for _, t in timings]} s"
    )
    assert pending == 3

    # Redis is back: the worker reconnects and beat's sweep delivers what waited.
    kit.wait_for(
        lambda: not OutboxMessage.objects.filter(delivered_at__isnull=True).exists(),
        90,
        "the outbox being delivered after Redis returned",
    )
    time.sleep(5)  # two more sweeps: nothing is sent twice
    assert [sink.count(f"Update {day}") for day in range(1, 7)] == [1] * 6
    assert len(sink.messages) == 6
    assert ReminderLog.objects.filter(user=owner, kind="progress").count() == 6
    print(
        f"\nFault: Redis stopped for ~{stopped_for:.1f} s of saves: 3 saves answered 201 in "
        f"{', '.join(f'{t:.2f}' for _, t in timings)} s (with Redis up: "
        f"{', '.join(f'{t:.2f}' for _, t in up[1:])} s); after it returned, the 3 waiting "
        "notices were delivered: 6 emails for 6 updates, none twice"
    )
