"""Before each planned meeting, each focal point is emailed once about records to update."""

from datetime import date

import pytest
from django.core import mail

from implementation import reminders
from notifications import outbox
from notifications.models import OutboxMessage

from .conftest import record

pytestmark = pytest.mark.django_db


def deliver_all() -> None:
    for pk in outbox.pending_ids():
        outbox.deliver(pk)


@pytest.fixture
def setup(focal_my, focal_sg, malaysia, singapore, mccs, ai_guide, meetings):
    # Malaysia: one record before the 6th ADGMIN (15 Jan 2026), the AI guide never reported.
    record(mccs, malaysia, as_of=date(2025, 12, 1))
    # Singapore: everything reported after the meeting, so nothing to ask.
    record(mccs, singapore, as_of=date(2026, 2, 1))
    record(ai_guide, singapore, as_of=date(2026, 2, 1))
    mail.outbox.clear()
    return meetings


def test_nothing_is_queued_long_before_the_meeting(setup):
    assert not reminders.queue_implementation_reminders(today=date(2026, 10, 1))
    assert not OutboxMessage.objects.exists()


def test_each_focal_point_with_something_to_update_gets_one_email(setup, focal_my):
    today = date(2027, 1, 2)
    assert reminders.queue_implementation_reminders(today=today)
    assert not reminders.queue_implementation_reminders(today=today)  # once per meeting
    assert OutboxMessage.objects.filter(topic=reminders.OUTBOX_TOPIC).count() == 1
    deliver_all()
    assert [m.to for m in mail.outbox] == [[focal_my.email]]
    body = mail.outbox[0].body
    assert "ASEAN Model Contractual Clauses (MCCs): In progress as of 1 Dec 2025" in body
    assert "No record yet:" in body and "ASEAN Guide on AI Governance and Ethics" in body
    assert "/partners/malaysia/implementation/" in body
    # Delivering the same meeting's reminder again sends nothing more.
    reminders.deliver_implementation_reminder(meeting_id=setup[1].pk)
    assert len(mail.outbox) == 1


def test_the_reminder_can_be_switched_off(setup, focal_my):
    focal_my.profile.remind_implementation = False
    focal_my.profile.save()
    reminders.queue_implementation_reminders(today=date(2027, 1, 2))
    deliver_all()
    assert mail.outbox == []


def test_the_preferences_page_offers_the_switch(client, focal_my):
    client.force_login(focal_my)
    response = client.post("/preferences/", {"remind_stale": "on"})
    assert response.status_code == 302
    focal_my.profile.refresh_from_db()
    assert focal_my.profile.remind_implementation is False
