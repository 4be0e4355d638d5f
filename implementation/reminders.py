"""Before each planned meeting, each focal point is asked once to update their state's records.

The daily task queues one outbox message per planned meeting (notifications/outbox.py), so the
request survives a broker outage; delivering it emails every focal point whose member state has
records not updated since the last meeting (or initiatives without a record), once per meeting
(notifications.ReminderLog), unless they switched it off on their preferences page.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from initiatives.reminders import next_planned_meeting, send_once
from notifications.models import OutboxMessage
from notifications.outbox import outbox_add
from tracker import roles

from .selectors import last_held_meeting, needing_update

OUTBOX_TOPIC = "implementation_reminder"
# A ReminderLog kind of its own, so that it is sent once per meeting beside the owners' reminder.
REMINDER_KIND = "implementation"


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def queue_implementation_reminders(*, today: date) -> bool:
    """Within MEETING_REMINDER_DAYS of the next planned meeting, queue its reminder once."""
    meeting = next_planned_meeting(today=today)
    if meeting is None or (meeting.start_date - today).days > settings.MEETING_REMINDER_DAYS:
        return False
    if OutboxMessage.objects.filter(topic=OUTBOX_TOPIC, payload__meeting_id=meeting.pk).exists():
        return False
    outbox_add(topic=OUTBOX_TOPIC, payload={"meeting_id": meeting.pk})
    return True


def _wants(user) -> bool:
    if not (user.is_active and user.email):
        return False
    profile = getattr(user, "profile", None)
    return profile is None or profile.remind_implementation


def deliver_implementation_reminder(*, meeting_id: int) -> int:
    """Outbox handler: one email per focal point with something to update; returns emails sent."""
    from initiatives.models import Meeting

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    last = last_held_meeting(meeting.start_date)
    since = last.start_date if last else None
    sent = 0
    lists: dict[int, tuple] = {}
    for user in roles.focal_points().filter(profile__member_state__isnull=False):
        if not _wants(user):
            continue
        state = user.profile.member_state
        if state.pk not in lists:
            lists[state.pk] = needing_update(state, since=since)
        old, missing = lists[state.pk]
        if not (old or missing):
            continue
        body = render_to_string(
            "emails/implementation_reminder.txt",
            {
                "user": user,
                "state": state,
                "meeting": meeting,
                "since": last,
                "old": old,
                "missing": missing,
                "scorecard": _link(reverse("implementation:scorecard", args=[state.slug])),
                "site": settings.SITE_URL.rstrip("/"),
                "preferences": _link(reverse("preferences")),
            },
        )
        sent += send_once(
            user=user,
            kind=REMINDER_KIND,
            period=f"meeting-{meeting.pk}",
            subject=(
                f"The {meeting.short_name} is coming: {len(old) + len(missing)} "
                f"implementation record(s) of {state.label} to update"
            ),
            body=body,
        )
    return sent
