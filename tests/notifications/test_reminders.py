"""Reminders and notices: who gets what, once, and what happens when the broker is down."""

from datetime import date, timedelta
from io import StringIO
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from initiatives import reminders, services
from initiatives.models import Initiative, Meeting, Mention, Paragraph, ProgressUpdate, Statement
from notifications import outbox
from notifications.models import OutboxMessage, ReminderLog
from notifications.tasks import (
    deliver_pending_outbox,
    send_meeting_reminders,
    send_stale_reminders,
)
from tests.broker import broker_unreachable
from tests.factories import make_user
from tracker import roles
from tracker.celery import app as celery_app

TODAY = date(2024, 6, 3)  # a Monday


@pytest.fixture
def second_officer(db):
    return make_user("officer2", roles.OFFICER)


@pytest.fixture
def owned(officer, second_officer):
    """Stale and fresh initiatives of two owners."""
    never = Initiative.objects.create(name="Never Updated Roadmap", slug="never", owner=officer)
    old = Initiative.objects.create(name="Old News Framework", slug="old", owner=officer)
    fresh = Initiative.objects.create(name="Fresh Guide", slug="fresh", owner=officer)
    done = Initiative.objects.create(
        name="Finished Study", slug="done", owner=officer, status="completed"
    )
    other = Initiative.objects.create(name="Second Owner Plan", slug="second", owner=second_officer)
    ProgressUpdate.objects.create(
        initiative=old, author=officer, date=TODAY - timedelta(days=200), summary="Old."
    )
    ProgressUpdate.objects.create(
        initiative=fresh, author=officer, date=TODAY - timedelta(days=10), summary="Fresh."
    )
    return {"never": never, "old": old, "fresh": fresh, "done": done, "other": other}


def emails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


class TestStaleReminders:
    @pytest.fixture(autouse=True)
    def _ninety_days(self, settings):
        settings.STALE_AFTER_DAYS = 90

    def test_each_owner_gets_one_email_listing_their_stale_initiatives(self, owned):
        assert reminders.send_stale_reminders(today=TODAY) == 2
        [first] = emails_to("officer1@example.org")
        assert "Never Updated Roadmap" in first.body and "Old News Framework" in first.body
        assert "Fresh Guide" not in first.body and "Finished Study" not in first.body
        assert "2 initiative(s) without an update for 90 days" in first.subject
        [second] = emails_to("officer2@example.org")
        assert "Second Owner Plan" in second.body

    def test_running_twice_sends_each_owner_one_email(self, owned):
        reminders.send_stale_reminders(today=TODAY)
        reminders.send_stale_reminders(today=TODAY)
        assert len(emails_to("officer1@example.org")) == 1
        assert len(emails_to("officer2@example.org")) == 1
        assert ReminderLog.objects.filter(kind="stale").count() == 2

    def test_the_beat_task_twice_in_a_row_sends_once(self, owned, monkeypatch):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
        send_stale_reminders.delay()
        send_stale_reminders.delay()
        assert len(emails_to("officer1@example.org")) == 1
        assert len(emails_to("officer2@example.org")) == 1

    def test_the_next_week_brings_a_new_reminder(self, owned):
        reminders.send_stale_reminders(today=TODAY)
        reminders.send_stale_reminders(today=TODAY + timedelta(days=7))
        assert len(emails_to("officer1@example.org")) == 2

    def test_an_owner_who_opted_out_gets_nothing(self, owned, officer):
        officer.profile.remind_stale = False
        officer.profile.save()
        reminders.send_stale_reminders(today=TODAY)
        assert emails_to("officer1@example.org") == []
        assert len(emails_to("officer2@example.org")) == 1

    @override_settings(STALE_AFTER_DAYS=365)
    def test_the_threshold_is_configurable(self, owned):
        reminders.send_stale_reminders(today=TODAY)
        [email] = emails_to("officer1@example.org")
        assert "Never Updated Roadmap" in email.body and "Old News Framework" not in email.body

    def test_a_transient_mail_failure_is_retried_and_sent_once(self, owned, monkeypatch):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
        real_send = reminders.send_mail
        failures = []

        def flaky(**kwargs):
            if not failures:
                failures.append(1)
                raise SMTPServerDisconnected("mail server restarting")
            return real_send(**kwargs)

        monkeypatch.setattr(reminders, "send_mail", flaky)
        result = send_stale_reminders.apply(throw=False)
        assert failures == [1]
        assert result.successful()
        assert len(emails_to("officer1@example.org")) == 1
        assert len(emails_to("officer2@example.org")) == 1

    def test_a_failed_send_leaves_no_log_so_the_retry_sends_it(self, owned, monkeypatch):
        def down(**kwargs):
            raise SMTPServerDisconnected("down")

        monkeypatch.setattr(reminders, "send_mail", down)
        with pytest.raises(SMTPServerDisconnected):
            reminders.send_stale_reminders(today=TODAY)
        assert not ReminderLog.objects.exists()


class TestMeetingReminders:
    @pytest.fixture
    def planned(self, db):
        return Meeting.objects.create(
            series="ADGMIN",
            number=5,
            slug="adgmin-5",
            is_planned=True,
            start_date=TODAY + timedelta(days=20),
            venue="Bangkok",
        )

    def test_every_owner_is_asked_once_within_thirty_days(self, owned, planned):
        assert reminders.send_meeting_reminders(today=TODAY) == 2
        assert reminders.send_meeting_reminders(today=TODAY + timedelta(days=1)) == 0
        [email] = emails_to("officer1@example.org")
        assert "5th ADGMIN" in email.subject and "in 20 days" in email.body
        assert "Fresh Guide" in email.body  # every open initiative, not only stale ones
        assert "Finished Study" not in email.body

    def test_nothing_is_sent_earlier_than_thirty_days_before(self, owned, planned):
        assert reminders.send_meeting_reminders(today=TODAY - timedelta(days=15)) == 0
        assert mail.outbox == []

    def test_an_owner_who_opted_out_is_not_asked(self, owned, planned, second_officer):
        second_officer.profile.remind_meeting = False
        second_officer.profile.save()
        reminders.send_meeting_reminders(today=TODAY)
        assert emails_to("officer2@example.org") == []

    def test_the_daily_task_sends_once(self, owned, planned, monkeypatch):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
        send_meeting_reminders.delay()
        send_meeting_reminders.delay()
        assert len(emails_to("officer1@example.org")) == 1


@pytest.fixture
def confirmed_statement(db, malaysia):
    adm = Initiative.objects.create(name="ASEAN Digital Masterplan 2025", slug="adm")
    earlier = Meeting.objects.create(
        series="ADGMIN", number=1, slug="adgmin-1", start_date=date(2021, 1, 22)
    )
    Mention.objects.create(meeting=earlier, initiative=adm, status="adopted")
    meeting = Meeting.objects.create(
        series="ADGMIN", number=2, slug="adgmin-2", start_date=date(2022, 1, 28)
    )
    statement = Statement.objects.create(meeting=meeting, text="...", checksum="d" * 64)
    paragraph = Paragraph.objects.create(
        statement=statement, number=4, text="The Meeting welcomed progress of ADM 2025 ..."
    )
    Paragraph.objects.create(
        statement=statement, number=9, text="The Meeting thanked Malaysia for hosting ..."
    )
    Mention.objects.create(
        meeting=meeting,
        paragraph=paragraph,
        initiative=adm,
        status="implementing",
        phrase="welcomed progress",
        is_confirmed=True,
    )
    return statement


class TestStatementDigest:
    def test_focal_points_get_a_digest_of_what_changed(
        self, confirmed_statement, focal_my, focal_sg, officer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            reminders.notify_statement_confirmed(confirmed_statement.pk)
        [digest] = emails_to("focal_my@example.org")
        assert "2nd ADGMIN" in digest.subject
        assert "ASEAN Digital Masterplan 2025: Implementing (advanced; before: Adopted)" in (
            digest.body
        )
        assert "Paragraph naming Malaysia: 9." in digest.body
        assert len(emails_to("focal_sg@example.org")) == 1
        assert emails_to("officer1@example.org") == []  # digests are for focal points
        assert OutboxMessage.objects.get().delivered_at is not None

    def test_a_second_notification_of_the_same_import_sends_nothing_new(
        self, confirmed_statement, focal_my, django_capture_on_commit_callbacks
    ):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                reminders.notify_statement_confirmed(confirmed_statement.pk)
        assert len(emails_to("focal_my@example.org")) == 1

    def test_a_focal_point_who_opted_out_gets_no_digest(
        self, confirmed_statement, focal_my, focal_sg, django_capture_on_commit_callbacks
    ):
        focal_sg.profile.digest_imports = False
        focal_sg.profile.save()
        with django_capture_on_commit_callbacks(execute=True):
            reminders.notify_statement_confirmed(confirmed_statement.pk)
        assert emails_to("focal_sg@example.org") == []
        assert len(emails_to("focal_my@example.org")) == 1


class TestProgressNotices:
    def test_the_owner_hears_of_a_note_someone_else_added(
        self, officer, focal_my, malaysia, django_capture_on_commit_callbacks
    ):
        initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=officer)
        with django_capture_on_commit_callbacks(execute=True):
            services.country_note_create(
                initiative=initiative,
                user=focal_my,
                member_state=malaysia,
                date=date(2024, 5, 1),
                summary="Malaysia <b>ratified</b> &amp; signed.",
            )
        [notice] = emails_to("officer1@example.org")
        assert "country note for Malaysia" in notice.subject
        assert "Summary: Malaysia ratified & signed." in notice.body

    def test_nobody_is_told_of_their_own_update(self, officer, django_capture_on_commit_callbacks):
        initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=officer)
        with django_capture_on_commit_callbacks(execute=True):
            services.progress_update_create(
                initiative=initiative, user=officer, date=date(2024, 5, 1), summary="Mine."
            )
        assert mail.outbox == []
        assert OutboxMessage.objects.get().delivered_at is not None


class TestBrokerOutage:
    @pytest.fixture
    def broker_down(self):
        with broker_unreachable():
            yield

    def test_a_progress_update_saves_and_is_delivered_once_the_broker_is_back(
        self, officer, focal_my, malaysia, broker_down, django_capture_on_commit_callbacks
    ):
        initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=officer)
        with django_capture_on_commit_callbacks(execute=True):
            note = services.country_note_create(
                initiative=initiative,
                user=focal_my,
                member_state=malaysia,
                date=date(2024, 5, 1),
                summary="Saved while the broker is down.",
            )
        assert ProgressUpdate.objects.filter(pk=note.pk).exists()
        message = OutboxMessage.objects.get()
        assert message.is_pending and mail.outbox == []
        assert outbox.try_dispatch(message.pk) is False  # still down: no exception either

        # The broker is back (eager here): the periodic job delivers the pending message, once.
        celery_app.conf.task_always_eager = True  # broker_unreachable() restores the setting
        assert deliver_pending_outbox.delay().get() == {"delivered": 1, "failed": 0}
        assert deliver_pending_outbox.delay().get() == {"delivered": 0, "failed": 0}
        assert len(emails_to("officer1@example.org")) == 1
        message.refresh_from_db()
        assert message.delivered_at is not None

    def test_the_management_command_delivers_pending_messages(
        self, officer, focal_my, malaysia, broker_down, django_capture_on_commit_callbacks
    ):
        initiative = Initiative.objects.create(name="DEFA", slug="defa", owner=officer)
        with django_capture_on_commit_callbacks(execute=True):
            services.country_note_create(
                initiative=initiative,
                user=focal_my,
                member_state=malaysia,
                date=date(2024, 5, 1),
                summary="Pending.",
            )
        first, second = StringIO(), StringIO()
        call_command("deliver_outbox", stdout=first)
        call_command("deliver_outbox", stdout=second)
        assert "Delivered 1 pending" in first.getvalue()
        assert "Delivered 0 pending" in second.getvalue()
        assert len(emails_to("officer1@example.org")) == 1


def test_a_failing_handler_is_counted_and_kept_for_later(officer, monkeypatch, db):
    message = OutboxMessage.objects.create(topic="progress_recorded", payload={"update_id": 1})

    def broken(**kwargs):
        raise SMTPServerDisconnected("down")

    handler = f"{__name__}.x"
    monkeypatch.setitem(outbox.HANDLERS, "progress_recorded", handler)
    monkeypatch.setattr(handler, broken, raising=False)
    assert outbox.deliver_pending() == (0, 1)
    message.refresh_from_db()
    assert message.is_pending and message.attempts == 1 and "down" in message.last_error
