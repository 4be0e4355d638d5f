"""Writes of member-state implementation: plain functions, one transaction each.

Who may write is asked of tracker/permissions.py. A focal point's change to a record the
secretariat has verified (or queried) sends it back to unverified: the secretariat verified what
it saw, not what came after. Concurrent edits are caught by the record's version.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative
from partners.models import Partner
from tracker import permissions
from tracker.history import changes_since, save_by

from .choices import Verification
from .models import ImplementationRecord, NationalScope

RECORD_FIELDS = ("stage", "as_of", "evidence_url", "note")
# What the conflict message compares (the fields people see on the form).
COMPARED_FIELDS = (*RECORD_FIELDS, "verification", "query_reason")


def _check_membership(member_state: Partner, as_of: date) -> None:
    if not member_state.is_member_state:
        raise ValidationError({"member_state": f"{member_state.label} is not a member state."})
    if member_state.member_since and as_of < member_state.member_since:
        raise ValidationError(
            {
                "as_of": (
                    f"{member_state.label} became a member on "
                    f"{member_state.member_since:%-d %B %Y}; a record counts from that date."
                )
            }
        )


def _check_tracked(initiative: Initiative) -> None:
    scope = NationalScope.objects.filter(initiative=initiative).first()
    if scope is None or not scope.implemented_nationally:
        raise ValidationError(
            f"{initiative.label} is not marked as implemented nationally, so it has no "
            "member-state records."
        )


@transaction.atomic
def national_scope_set(
    *, initiative: Initiative, user, implemented_nationally: bool, note: str = ""
) -> NationalScope:
    """Mark an initiative as carried out by each member state at home (officers), or unmark it."""
    permissions.require_records_editor(user, "which initiatives are implemented nationally")
    scope, _ = NationalScope.objects.select_for_update().get_or_create(initiative=initiative)
    scope.implemented_nationally = implemented_nationally
    if note:
        scope.note = note[:300]
    save_by(scope, user)
    return scope


@transaction.atomic
def implementation_record_save(
    *,
    initiative: Initiative,
    member_state: Partner,
    user,
    expected_version: int | None = None,
    seen_history_id: int | None = None,
    is_example: bool = False,
    **values,
) -> ImplementationRecord:
    """Create or change one state's record on one initiative.

    `expected_version` is the version the editor read (None: a new record, or overwrite); a
    mismatch raises tracker.history.ConcurrentEditError naming who changed what meanwhile.
    """
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    permissions.require_implementation_writer(user, member_state)
    _check_tracked(initiative)
    current = (
        ImplementationRecord.objects.select_for_update()
        .filter(initiative=initiative, member_state=member_state)
        .first()
    )
    if current is None:
        current = ImplementationRecord(initiative=initiative, member_state=member_state)
    elif expected_version is not None and current.version != expected_version:
        raise _conflict(current, expected_version, seen_history_id)
    for name, value in values.items():
        setattr(current, name, value)
    if current.as_of is None:
        current.as_of = timezone.localdate()
    if current.as_of > timezone.localdate():
        raise ValidationError({"as_of": "The date a stage describes cannot be in the future."})
    _check_membership(member_state, current.as_of)
    if not permissions.can_verify_implementation(user) and current.pk is not None:
        # The secretariat's verification (or query) was about the record before this change.
        _reset_verification(current)
    current.is_example = is_example
    current.updated_by = user
    if current.pk is not None:
        current.version = current.version + 1
    current.full_clean(validate_unique=False)
    save_by(current, user)
    return current


def _reset_verification(record: ImplementationRecord) -> None:
    record.verification = Verification.UNVERIFIED
    record.verified_by = None
    record.verified_at = None


def _conflict(current: ImplementationRecord, expected_version: int, seen_history_id: int | None):
    """The refusal of a stale save, naming what changed since the version the editor read."""
    if seen_history_id is None:
        # The API knows only the version: the history keeps it, so the state read is found.
        seen_history_id = (
            current.history.filter(version=expected_version)
            .order_by("-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
    return changes_since(current, seen_history_id, COMPARED_FIELDS)


def _locked(record: ImplementationRecord, expected_version: int | None) -> ImplementationRecord:
    current = ImplementationRecord.objects.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        raise _conflict(current, expected_version, None)
    return current


@transaction.atomic
def implementation_record_verify(
    *, record: ImplementationRecord, user, expected_version: int | None = None
) -> ImplementationRecord:
    """The secretariat confirms the record as it stands now (who and when are kept)."""
    permissions.require_implementation_verifier(user)
    current = _locked(record, expected_version)
    current.verification = Verification.VERIFIED
    current.verified_by = user
    current.verified_at = timezone.now()
    current.query_reason = ""
    current.version += 1  # the row is locked: no lost update
    save_by(current, user)
    return current


@transaction.atomic
def implementation_record_query(
    *, record: ImplementationRecord, user, reason: str, expected_version: int | None = None
) -> ImplementationRecord:
    """The secretariat asks the focal point to clarify the record; the reason is required."""
    permissions.require_implementation_verifier(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say what the focal point should clarify."})
    current = _locked(record, expected_version)
    current.verification = Verification.QUERIED
    current.query_reason = reason
    current.verified_by = None
    current.verified_at = None
    current.version += 1  # the row is locked: no lost update
    save_by(current, user)
    return current


def implementation_record_set_verification(
    *,
    record: ImplementationRecord,
    user,
    verification: str,
    reason: str = "",
    expected_version: int | None = None,
) -> ImplementationRecord:
    """One entry point for the API: verified, queried (with a reason) or back to unverified."""
    if verification == Verification.VERIFIED:
        return implementation_record_verify(
            record=record, user=user, expected_version=expected_version
        )
    if verification == Verification.QUERIED:
        return implementation_record_query(
            record=record, user=user, reason=reason, expected_version=expected_version
        )
    permissions.require_implementation_verifier(user)
    with transaction.atomic():
        current = _locked(record, expected_version)
        _reset_verification(current)
        current.query_reason = ""
        current.version += 1  # the row is locked: no lost update
        save_by(current, user)
        return current
