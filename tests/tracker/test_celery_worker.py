"""A task executed by a real Celery worker through the configured broker (Redis in CI)."""

import pytest

from initiatives.models import Initiative, Meeting, Mention
from initiatives.tasks import refresh_initiative_status
from tests.broker import BROKER

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not BROKER.startswith("redis"),
        reason="no CELERY_BROKER_URL=redis://... set: the real-worker test runs in .ci/run",
    ),
]


def test_a_real_worker_executes_a_task_through_the_broker(worker):
    meeting = Meeting.objects.create(
        series="ADGMIN", number=9, slug="adgmin-9", start_date="2030-01-10"
    )
    initiative = Initiative.objects.create(name="Worker Check Framework", slug="wcf")
    Mention.objects.create(meeting=meeting, initiative=initiative, status="adopted")
    assert initiative.status == ""

    result = refresh_initiative_status.delay(initiative.pk)
    assert result.get(timeout=60) == "adopted"

    initiative.refresh_from_db()
    assert initiative.status == "adopted"
    print(f"\nCelery: task {result.id} executed by a real worker via {BROKER.split('@')[-1]}")
