"""Records edited in the app: initiatives and meetings (progress is in progress.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from tracker import permissions
from tracker.history import changes_since, ensure_unchanged_since, save_by
from tracker.slugs import unique_slug

from ..models import (
    Initiative,
    Meeting,
)
from ..status import precision_of
from ..topics import topics_suggest
from .mentions import initiative_refresh_status, meeting_default_title

# ---------------------------------------------------------------------------------------------
# Records edited in the app: initiatives, meetings, progress updates and country notes.
#
# Each write checks the user's role (tracker/permissions.py) as well as the view does, so the
# API and commands get the same rules. Edits are optimistic: the editor's form carries the
# version (or history id) it was opened at, and a save over somebody else's newer save is
# refused with ConcurrentEditError, which says what they changed.
# ---------------------------------------------------------------------------------------------
# Path segments next to /initiatives/<slug>/ and /meetings/<slug>/ that a slug must not take.
RESERVED_SLUGS = frozenset({"new", "bulk-status", "as-of", "export", "matrix", "import", "compare"})

INITIATIVE_FIELDS = (
    "name",
    "acronym",
    "kind",
    "description",
    "aliases",
    "period_start",
    "period_end",
    "expected_date",
    "expected_text",
    "lead_body",
    "parent",
    "work_plan_partner",
    "work_plan_year",
    "owner",
    "sources",
)
MEETING_FIELDS = (
    "series",
    "number",
    "title",
    "is_planned",
    "start_date",
    "end_date",
    "date_text",
    "venue",
    "host",
    "chair_name",
    "chair_title",
    "chair_country",
    "vice_chair_name",
    "vice_chair_title",
    "vice_chair_country",
    "theme",
    "declaration",
    "sources",
    "notes",
)
PROGRESS_FIELDS = ("date", "status", "percent_complete", "summary", "evidence_url")


def _free_slug(model, value: str, *, exclude_pk=None) -> str:
    if slugify(value) in RESERVED_SLUGS:
        value = f"{value} {model._meta.verbose_name}"
    return unique_slug(model, value, exclude_pk=exclude_pk)


def _check_fields(changes: dict, allowed: Iterable[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")


def _check_parent(initiative: Initiative) -> None:
    """A parent chain must not loop back to the initiative itself."""
    seen = {initiative.pk}
    parent = initiative.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError(
                {"parent": "An initiative cannot sit under one of its own parts."}
            )
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def initiative_create(*, user, name: str, **fields) -> Initiative:
    permissions.require_records_editor(user, "initiatives")
    return _initiative_insert(user=user, name=name, fields=fields)


def _initiative_insert(*, user, name: str, fields: dict) -> Initiative:
    """The rules of a new initiative once the caller may write: fields, free slug, validation,
    history, suggested topics (initiative_create, and a confirmed import's new initiative)."""
    _check_fields(fields, INITIATIVE_FIELDS)
    initiative = Initiative(name=name, **fields)
    initiative.slug = _free_slug(Initiative, fields.get("acronym") or name)
    initiative.full_clean()
    save_by(initiative, user)
    topics_suggest(initiative=initiative)
    return initiative


@transaction.atomic
def initiative_update(
    *, initiative: Initiative, user, expected_version: int, seen_history_id: int | None, **changes
) -> Initiative:
    """Save an officer's edit, unless someone else saved the initiative since they opened it.

    The conditional UPDATE on `version` is the gate: of two concurrent saves from the same
    version, exactly one matches a row; the other gets ConcurrentEditError listing what the
    first one changed. A renamed initiative keeps its old name as an alias for the importer.
    """
    permissions.require_records_editor(user, "initiatives")
    _check_fields(changes, INITIATIVE_FIELDS)
    won = Initiative.objects.filter(pk=initiative.pk, version=expected_version).update(
        version=F("version") + 1
    )
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not won:
        raise changes_since(current, seen_history_id, INITIATIVE_FIELDS)
    old_name = current.name
    for name, value in changes.items():
        setattr(current, name, value)
    if current.name != old_name:
        current.add_alias(old_name)
    if {"expected_date", "expected_text"} & set(changes):
        # A newly expected step is measured from the status that holds now.
        current.expected_status = current.status
        current.expected_precision = precision_of(current.expected_text)
    current.full_clean()
    _check_parent(current)
    save_by(current, user)
    return current


@transaction.atomic
def meeting_create(*, user, series: str, number: int, **fields) -> Meeting:
    permissions.require_records_editor(user, "meetings")
    _check_fields(fields, MEETING_FIELDS)
    meeting = Meeting(series=series, number=number, **fields)
    meeting.slug = _free_slug(Meeting, f"{series} {number}")
    meeting.title = meeting.title or meeting_default_title(series, number)
    meeting.full_clean()
    save_by(meeting, user)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, user, seen_history_id: int | None, **changes) -> Meeting:
    """Save an edit of a meeting, refused when someone else saved it after the editor opened it.

    A meeting's date and planned flag decide which mentions count for status, so the
    initiatives it mentions are refreshed.
    """
    permissions.require_records_editor(user, "meetings")
    _check_fields(changes, MEETING_FIELDS)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_unchanged_since(current, seen_history_id, MEETING_FIELDS)
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean()
    save_by(current, user)
    for initiative in Initiative.objects.filter(mentions__meeting=current).distinct():
        initiative_refresh_status(initiative=initiative)
    return current


@transaction.atomic
def initiative_set_links(
    *,
    initiative: Initiative,
    user,
    partner_roles: Iterable[tuple] | None = None,
    outcomes: Iterable | None = None,
) -> Initiative:
    """Replace an initiative's partner roles ((partner, role) pairs) and desired outcomes.

    None leaves that side as it is. Roles are added and removed one by one, so that each keeps
    its own history row saying who linked or unlinked the partner.
    """
    permissions.require_records_editor(user, "initiatives")
    if partner_roles is not None:
        from ..models import InitiativePartner

        wanted = {(partner.pk, role) for partner, role in partner_roles}
        current = {(link.partner_id, link.role): link for link in initiative.partner_roles.all()}
        for key, link in current.items():
            if key not in wanted:
                link._history_user = user
                link.delete()
        for partner_id, role in sorted(wanted - current.keys()):
            link = InitiativePartner(initiative=initiative, partner_id=partner_id, role=role)
            link.full_clean()
            save_by(link, user)
    if outcomes is not None:
        initiative.outcomes.set(outcomes)
    return initiative
