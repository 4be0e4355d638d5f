"""Reminders and notices by email: what to send, to whom, and only once.

- weekly: owners of initiatives without an officer update for settings.STALE_AFTER_DAYS
- before a planned meeting (settings.MEETING_REMINDER_DAYS, 30): every owner, once per meeting
- after a confirmed statement import: a digest to focal points (`notify_statement_confirmed`)
- after progress is recorded: a notice to the initiative's owner, if someone else recorded it

Each email is guarded by a notifications.ReminderLog row (user, kind, period) written in the same
transaction as the send, so running a task twice, or two beats firing at once, sends one email.
Each kind can be switched off per user on their preferences page (partners.UserProfile).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from notifications.models import OutboxMessage, ReminderLog
from notifications.outbox import outbox_add
from tracker import roles
from tracker.security import rich_text_to_plain

from . import status as engine
from .models import Initiative, Meeting, Mention, ProgressUpdate, Statement
from .selectors.evidence import evidence_by_initiative, meeting_keys
from .selectors.lists import stale_q
from .selectors.meetings import previous_meeting

logger = logging.getLogger(__name__)

# Nobody is asked to update an initiative that is finished or replaced.
CLOSED_STATUSES = engine.ENDS
PREFERENCE_OF_KIND = {
    ReminderLog.Kind.STALE: "remind_stale",
    ReminderLog.Kind.MEETING: "remind_meeting",
    ReminderLog.Kind.DIGEST: "digest_imports",
    ReminderLog.Kind.PROGRESS: "notify_updates",
}


def wants(user, kind: str) -> bool:
    """Does the user accept this kind of email? Users without a profile get the defaults (yes)."""
    if not (user.is_active and user.email):
        return False
    profile = getattr(user, "profile", None)
    return profile is None or getattr(profile, PREFERENCE_OF_KIND[kind])


def send_once(*, user, kind: str, period: str, subject: str, body: str) -> bool:
    """Send one email unless this (user, kind, period) was already sent; True when sent now.

    The log row and the send share a transaction: a failed send leaves no row (so a retry sends
    it), and a concurrent duplicate waits on the unique row and then finds it taken.
    """
    try:
        with transaction.atomic():
            ReminderLog.objects.create(user=user, kind=kind, period=period)
            send_mail(
                subject=f"[ADGMIN Tracker] {subject}",
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
    except IntegrityError:
        return False
    return True


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _open_initiatives():
    return Initiative.objects.exclude(status__in=CLOSED_STATUSES).filter(owner__isnull=False)


def _email(*, user, kind: str, period: str, subject: str, template: str, context: dict) -> bool:
    """The template's email to a user who wants this kind, once per (user, kind, period); every
    email ends with a link to the user's preferences. True when sent now."""
    if not wants(user, kind):
        return False
    body = render_to_string(
        template, {"user": user, **context, "preferences": _link("/preferences/")}
    )
    return send_once(user=user, kind=kind, period=period, subject=subject, body=body)


def _by_owner(initiatives) -> dict:
    """owner -> their initiatives (with the day of their latest evidence), in the given order."""
    by_owner: dict = {}
    for initiative in initiatives:
        by_owner.setdefault(initiative.owner, []).append(
            OwnedInitiative(initiative, initiative.last_evidence_on)
        )
    return by_owner


@dataclass
class OwnedInitiative:
    initiative: Initiative
    last_update_on: date | None

    @property
    def link(self) -> str:
        return _link(self.initiative.get_absolute_url())


def stale_initiatives_by_owner(*, today: date) -> dict:
    """owner -> their open initiatives with no officer update since the cut-off (or ever)."""
    rows = (
        Initiative.objects.filter(stale_q(today), owner__isnull=False)
        .select_related("owner", "owner__profile")
        .order_by("owner_id", "name")
    )
    return _by_owner(rows)


def send_stale_reminders(*, today: date) -> int:
    """One email per owner and ISO week listing their stale initiatives; returns emails sent."""
    year, week, _ = today.isocalendar()
    period = f"{year}-W{week:02d}"
    sent = 0
    for owner, items in stale_initiatives_by_owner(today=today).items():
        days = settings.STALE_AFTER_DAYS
        sent += _email(
            user=owner,
            kind=ReminderLog.Kind.STALE,
            period=period,
            subject=f"{len(items)} initiative(s) without an update for {days} days",
            template="emails/stale_reminder.txt",
            context={"items": items, "days": days},
        )
    return sent


def next_planned_meeting(*, today: date) -> Meeting | None:
    return (
        Meeting.objects.filter(is_planned=True, start_date__gte=today)
        .order_by("start_date", "number")
        .first()
    )


def send_meeting_reminders(*, today: date) -> int:
    """Within MEETING_REMINDER_DAYS of the next planned meeting, ask each owner once to update."""
    meeting = next_planned_meeting(today=today)
    if meeting is None or (meeting.start_date - today).days > settings.MEETING_REMINDER_DAYS:
        return 0
    rows = _open_initiatives().select_related("owner", "owner__profile")
    sent = 0
    for owner, items in _by_owner(rows.order_by("owner_id", "name")).items():
        sent += _email(
            user=owner,
            kind=ReminderLog.Kind.MEETING,
            period=f"meeting-{meeting.pk}",
            subject=f"The {meeting.short_name} is coming: please bring your initiatives up to date",
            template="emails/meeting_reminder.txt",
            context={
                "meeting": meeting,
                "days_left": (meeting.start_date - today).days,
                "items": items,
            },
        )
    return sent


# ---------------------------------------------------------------------------------------------
# Through the outbox
# ---------------------------------------------------------------------------------------------
def notify_statement_confirmed(statement_id: int) -> None:
    """Tell focal points what a newly confirmed statement changed (a digest email each).

    Call it when the import is confirmed, ideally inside the confirming transaction or from
    `transaction.on_commit`: it only writes an outbox row, so it works while the broker is down,
    and the digest is sent once per focal point even if it is called twice.
    """
    outbox_add(
        topic=OutboxMessage.Topic.STATEMENT_CONFIRMED, payload={"statement_id": int(statement_id)}
    )


@dataclass
class DigestLine:
    initiative: Initiative
    status: str
    previous: str
    change: str
    phrase: str
    paragraph: int | None

    @property
    def status_label(self) -> str:
        return engine.status_label(self.status)

    @property
    def previous_label(self) -> str:
        return engine.status_label(self.previous) if self.previous else "not mentioned before"

    @property
    def link(self) -> str:
        return _link(self.initiative.get_absolute_url())


def statement_digest(statement: Statement) -> list[DigestLine]:
    """Each initiative the statement mentions, with the status the engine reads at the meeting
    and the change against the previous meeting of the series (the meeting page's words)."""
    meeting = statement.meeting
    mentions = (
        Mention.objects.filter(paragraph__statement=statement)
        .select_related("initiative", "paragraph")
        .order_by("paragraph__number")
    )
    lines: dict[int, DigestLine] = {}
    for mention in mentions:
        line = lines.get(mention.initiative_id)
        if line is None:
            line = lines[mention.initiative_id] = DigestLine(
                mention.initiative, "", "", "", mention.phrase, mention.paragraph.number
            )
        if mention.status and engine.furthest([mention.status, line.status]) == mention.status:
            line.phrase = mention.phrase
    keys = meeting_keys()
    previous = previous_meeting(meeting)
    evidence = evidence_by_initiative(lines, meetings=keys)
    for pk, line in lines.items():
        said = evidence.get(pk, [])
        change = engine.change_at(said, keys[meeting.pk], keys[previous.pk] if previous else None)
        line.status = change.after if change else ""
        line.previous = change.before if change else ""
        line.change = change.kind if change else ""
    return list(lines.values())


def _state_paragraphs(statement: Statement, state) -> list[str]:
    """Numbers of the statement's paragraphs that name the member state."""
    names = [n.casefold() for n in state.names() if len(n) > 2]
    return [
        str(p.number)
        for p in statement.paragraphs.order_by("number")
        if any(name in p.text.casefold() for name in names)
    ]


def deliver_statement_digest(*, statement_id: int) -> int:
    """Outbox handler: the digest email to each focal point who wants it; returns emails sent."""
    statement = Statement.objects.select_related("meeting").get(pk=statement_id)
    lines = statement_digest(statement)
    sent = 0
    for user in roles.focal_points().filter(is_active=True):
        if not wants(user, ReminderLog.Kind.DIGEST):
            continue  # before reading the user's member state and its paragraphs
        state = roles.member_state_of(user)
        sent += _email(
            user=user,
            kind=ReminderLog.Kind.DIGEST,
            period=f"statement-{statement.pk}",
            subject=f"What the {statement.meeting.short_name} changed: {len(lines)} initiative(s)",
            template="emails/statement_digest.txt",
            context={
                "statement": statement,
                "meeting": statement.meeting,
                "lines": lines,
                "state": state,
                "state_paragraphs": _state_paragraphs(statement, state) if state else [],
                "meeting_link": _link(statement.meeting.get_absolute_url()),
            },
        )
    return sent


def deliver_progress_notice(*, update_id: int) -> int:
    """Outbox handler: tell an initiative's owner that someone else recorded progress on it."""
    update = (
        ProgressUpdate.objects.select_related(
            "initiative__owner__profile", "author", "member_state"
        )
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return 0  # deleted since: nothing to say
    owner = update.initiative.owner
    if owner is None or owner.pk == update.author_id:
        return 0
    what = f"a country note for {update.member_state.label}" if update.member_state else "progress"
    return int(
        _email(
            user=owner,
            kind=ReminderLog.Kind.PROGRESS,
            period=f"update-{update.pk}",
            subject=f"New {what} on {update.initiative.label}",
            template="emails/progress_notice.txt",
            context={
                "update": update,
                "what": what,
                "author": update.author.get_full_name() or update.author.get_username()
                if update.author
                else "someone",
                "summary": rich_text_to_plain(update.summary),
                "link": _link(update.initiative.get_absolute_url()),
            },
        )
    )
