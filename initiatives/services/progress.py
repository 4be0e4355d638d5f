"""Progress between meetings: officers' updates, country notes, bulk status changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import OutboxMessage
from notifications.outbox import outbox_add
from tracker import permissions
from tracker.history import changes_since, save_by
from tracker.security import rich_text_to_plain, sanitize_rich_text

from ..choices import Status
from ..models import (
    Initiative,
    ProgressUpdate,
)
from .mentions import initiative_refresh_status
from .records import PROGRESS_FIELDS, _check_fields


def _clean_progress_values(*, status: str, summary: str, member_state, on: date) -> str:
    """Domain rules of an update or note; returns the sanitised summary."""
    summary = sanitize_rich_text(summary)
    errors = {}
    if not rich_text_to_plain(summary):
        errors["summary"] = "Say what happened: every update needs a summary (the reason)."
    if member_state is not None and status:
        errors["status"] = "A country note never changes an initiative's official status."
    if member_state is not None and not member_state.is_member_state:
        errors["member_state"] = "Country notes belong to an ASEAN member state."
    if on and on > timezone.localdate():
        errors["date"] = "Progress cannot be recorded for a future date."
    if errors:
        raise ValidationError(errors)
    return summary


def _require_note_writer_for(user, member_state) -> None:
    permissions.require_note_writer(user)
    if permissions.can_edit_records(user):
        return
    own = permissions.note_state_of(user)
    if own is None or own.pk != member_state.pk:
        raise PermissionDenied(
            permissions.MSG_OTHER_STATE.format(
                state=member_state.label, own=f" ({own.label})" if own else ""
            )
        )


@transaction.atomic
def progress_update_create(
    *,
    initiative: Initiative,
    user,
    date: date,
    summary: str,
    status: str = "",
    percent_complete: int | None = None,
    evidence_url: str = "",
    member_state=None,
) -> ProgressUpdate:
    """Record progress on an initiative (an officer's update, or with member_state a note).

    An officer's update with a status is a status change; its summary is the reason, and the
    initiative's current status is recomputed. The owner is told through the outbox, so the
    save never waits for (or fails with) the Celery broker.
    """
    if member_state is None:
        permissions.require_records_editor(user, "official progress updates")
    else:
        _require_note_writer_for(user, member_state)
    summary = _clean_progress_values(
        status=status, summary=summary, member_state=member_state, on=date
    )
    update = ProgressUpdate(
        initiative=initiative,
        author=user,
        date=date,
        status=status,
        percent_complete=percent_complete,
        summary=summary,
        evidence_url=evidence_url,
        member_state=member_state,
    )
    update.full_clean()
    save_by(update, user)
    initiative_refresh_status(initiative=initiative)
    outbox_add(topic=OutboxMessage.Topic.PROGRESS_RECORDED, payload={"update_id": update.pk})
    return update


def country_note_create(
    *,
    initiative: Initiative,
    user,
    member_state,
    date: date,
    summary: str,
    percent_complete: int | None = None,
    evidence_url: str = "",
) -> ProgressUpdate:
    """A focal point's note for their member state: never a status, never another state's."""
    return progress_update_create(
        initiative=initiative,
        user=user,
        member_state=member_state,
        date=date,
        summary=summary,
        percent_complete=percent_complete,
        evidence_url=evidence_url,
    )


@transaction.atomic
def progress_update_edit(
    *,
    update: ProgressUpdate,
    user,
    expected_version: int,
    seen_history_id: int | None,
    **changes,
) -> ProgressUpdate:
    """Edit an update or note, refused if someone else saved it since it was opened."""
    _check_fields(changes, PROGRESS_FIELDS)
    if not permissions.can_change_update(user, update):
        raise PermissionDenied(permissions.explain_update_refusal(user, update))
    won = ProgressUpdate.objects.filter(
        pk=update.pk, version=expected_version, withdrawn_at__isnull=True
    ).update(version=F("version") + 1)
    current = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the member_state join.
        ProgressUpdate.objects.select_for_update(of=("self",))
        .select_related("member_state")
        .get(pk=update.pk)
    )
    if current.withdrawn_at is not None:
        raise PermissionDenied(permissions.MSG_WITHDRAWN)
    if not won:
        raise changes_since(current, seen_history_id, PROGRESS_FIELDS)
    for name, value in changes.items():
        setattr(current, name, value)
    current.summary = _clean_progress_values(
        status=current.status,
        summary=current.summary,
        member_state=current.member_state,
        on=current.date,
    )
    current.full_clean()
    save_by(current, user)
    initiative_refresh_status(initiative=current.initiative)
    return current


@transaction.atomic
def progress_update_withdraw(*, update: ProgressUpdate, user, reason: str = "") -> ProgressUpdate:
    """Withdraw an update or note: it stays in the history but no longer counts or shows."""
    if not permissions.can_change_update(user, update):
        raise PermissionDenied(permissions.explain_update_refusal(user, update))
    current = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if current.withdrawn_at is not None:
        raise PermissionDenied(permissions.MSG_WITHDRAWN)
    current.withdrawn_at = timezone.now()
    current.version += 1  # the row is locked; a plain number also goes into its history
    current._change_reason = (reason or "withdrawn")[:100]
    save_by(current, user)
    current.refresh_from_db()
    initiative_refresh_status(initiative=current.initiative)
    return current


@transaction.atomic
def initiatives_bulk_set_status(
    *,
    initiative_ids: Iterable[int],
    user,
    status: str,
    date: date,
    summary: str,
    evidence_url: str = "",
) -> list[ProgressUpdate]:
    """Record one status change, with its reason, on several initiatives: all or none.

    Each initiative gets its own progress update (so its history and timeline show why), in one
    transaction: if any of them fails, none is saved.
    """
    permissions.require_records_editor(user, "initiatives")
    if status not in Status.values:
        raise ValidationError({"status": "Choose the new status."})
    ids = list(dict.fromkeys(int(pk) for pk in initiative_ids))
    if not ids:
        raise ValidationError("Select at least one initiative.")
    found = {i.pk: i for i in Initiative.objects.select_for_update().filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            "Some selected initiatives no longer exist (ids %(ids)s); nothing was changed.",
            params={"ids": ", ".join(map(str, missing))},
        )
    return [
        progress_update_create(
            initiative=found[pk],
            user=user,
            date=date,
            status=status,
            summary=summary,
            evidence_url=evidence_url,
        )
        for pk in ids
    ]
