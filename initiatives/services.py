"""Writes to the tracking records. Views, commands, tasks and the API call these, never .save().

Each function takes keyword-only arguments and runs in one transaction, so a write that touches
several rows either lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from notifications.models import OutboxMessage
from notifications.outbox import outbox_add
from partners.models import Partner
from tracker import permissions
from tracker.history import changes_since, ensure_unchanged_since
from tracker.security import rich_text_to_plain, sanitize_rich_text
from tracker.slugs import unique_slug
from tracker.text import ordinal, text_checksum

from .choices import EvidenceKind, PartnerRole, Status
from .models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
)
from .signals import TRACKED_FIELDS, refresh_tracking
from .status import precision_of
from .topics import topics_suggest


def meeting_slug(series: str, number: int) -> str:
    return slugify(f"{series} {number}")


def meeting_default_title(series: str, number: int) -> str:
    return f"{ordinal(number)} {series}"


def initiative_refresh_status(*, initiative: Initiative) -> Initiative:
    """Bring the initiative's stored status and tracking facts up to date with its evidence.

    The status engine decides (initiatives/status.py); the signals already call this on every
    save of a mention, update or meeting, so this is for callers that wrote in bulk. Only the
    derived fields are read back: the caller's other fields are never written over.
    """
    refresh_tracking([initiative.pk])
    initiative.refresh_from_db(fields=list(TRACKED_FIELDS))
    return initiative


@transaction.atomic
def statement_create(
    *,
    meeting: Meeting,
    text: str,
    paragraphs: Iterable,
    kind: str = Statement._meta.get_field("kind").default,
    title: str = "",
    source_url: str = "",
    source_filename: str = "",
    source_format: str = "",
    issued_on: date | None = None,
    user=None,
) -> Statement:
    """Store a statement verbatim with its numbered paragraphs (number, section, text)."""
    statement = Statement.objects.create(
        meeting=meeting,
        kind=kind,
        title=title,
        text=text,
        checksum=text_checksum(text),
        source_url=source_url,
        source_filename=source_filename,
        source_format=source_format,
        issued_on=issued_on,
        imported_by=user,
    )
    Paragraph.objects.bulk_create(
        Paragraph(statement=statement, number=p.number, section=p.section, text=p.text)
        for p in paragraphs
    )
    return statement


@transaction.atomic
def mention_record(
    *,
    meeting: Meeting,
    initiative: Initiative,
    paragraph: Paragraph | None = None,
    phrase: str = "",
    matched_text: str = "",
    status: str = "",
    expected_date: date | None = None,
    expected_text: str = "",
    confirmed: bool = False,
    source_url: str = "",
    evidence: str = "",
) -> Mention:
    """Create or update the mention of an initiative in a paragraph, or unsourced at a meeting.

    Its evidence follows from where it comes from unless given: a paragraph is a quotation; a
    mention without one is a report when it cites a source, else an officer's entry.
    """
    if paragraph is not None and paragraph.statement.meeting_id != meeting.pk:
        raise ValueError("The paragraph belongs to another meeting's statement.")
    if not evidence:
        if paragraph is not None:
            evidence = EvidenceKind.STATEMENT
        else:
            evidence = EvidenceKind.REPORT if source_url else EvidenceKind.OFFICER
    mention, _ = Mention.objects.update_or_create(
        meeting=meeting,
        paragraph=paragraph,
        initiative=initiative,
        defaults={
            "phrase": phrase,
            "matched_text": matched_text,
            "status": status,
            "expected_date": expected_date,
            "expected_text": expected_text,
            "is_confirmed": confirmed,
            "source_url": source_url,
            "evidence": evidence,
        },
    )
    initiative_refresh_status(initiative=initiative)
    return mention


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
    _check_fields(fields, INITIATIVE_FIELDS)
    initiative = Initiative(name=name, **fields)
    initiative.slug = _free_slug(Initiative, fields.get("acronym") or name)
    initiative.full_clean()
    initiative._history_user = user
    initiative.save()
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
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def meeting_create(*, user, series: str, number: int, **fields) -> Meeting:
    permissions.require_records_editor(user, "meetings")
    _check_fields(fields, MEETING_FIELDS)
    meeting = Meeting(series=series, number=number, **fields)
    meeting.slug = _free_slug(Meeting, f"{series} {number}")
    meeting.title = meeting.title or meeting_default_title(series, number)
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
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
    current._history_user = user
    current.save()
    for initiative in Initiative.objects.filter(mentions__meeting=current).distinct():
        initiative_refresh_status(initiative=initiative)
    return current


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
    update._history_user = user
    update.save()
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
    current._history_user = user
    current.save()
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
    current._history_user = user
    current._change_reason = (reason or "withdrawn")[:100]
    current.save()
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
        from .models import InitiativePartner

        wanted = {(partner.pk, role) for partner, role in partner_roles}
        current = {(link.partner_id, link.role): link for link in initiative.partner_roles.all()}
        for key, link in current.items():
            if key not in wanted:
                link._history_user = user
                link.delete()
        for partner_id, role in sorted(wanted - current.keys()):
            link = InitiativePartner(initiative=initiative, partner_id=partner_id, role=role)
            link._history_user = user
            link.full_clean()
            link.save()
    if outcomes is not None:
        initiative.outcomes.set(outcomes)
    return initiative


# ---------------------------------------------------------------------------------------------
# Writes of a confirmed statement import (initiatives/importer/confirm.py). Who may confirm was
# checked where the import is confirmed (an officer's review, or the command line); these apply
# the rules of the writes above (fields, reserved slugs, validation, history, topics, tracked
# facts) without asking for a role again.
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_create_found(
    *, user, name: str, partner_ids: Iterable[int] = (), **fields
) -> Initiative:
    """An initiative a statement names that the tracker did not know: initiative_create's rules,
    linked to the partners its name mentions. One of the same name is returned as it stands."""
    same = Initiative.objects.filter(name__iexact=name).first()
    if same is not None:
        return same
    _check_fields(fields, INITIATIVE_FIELDS)
    initiative = Initiative(name=name, **fields)
    initiative.slug = _free_slug(Initiative, fields.get("acronym") or name)
    initiative.full_clean()
    initiative._history_user = user
    initiative.save()
    topics_suggest(initiative=initiative)
    for partner in Partner.objects.filter(pk__in=list(partner_ids)).order_by("pk"):
        link = InitiativePartner(initiative=initiative, partner=partner, role=PartnerRole.PARTNER)
        link._history_user = user
        link.save()
    return initiative


@transaction.atomic
def initiative_add_spellings(*, initiative: Initiative, user, name: str = "", acronym: str = ""):
    """Another spelling of a known initiative (an import's name merged into it): the name as an
    alias, the acronym as its acronym when it has none (else an alias); one version step and
    one history row when anything changed."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    changed = current.add_alias(name)
    acronym = acronym.strip()
    if acronym and not current.acronym:
        current.acronym, changed = acronym[:40], True
    elif acronym:
        changed = current.add_alias(acronym) or changed
    if changed:
        current.version += 1
        current._history_user = user
        current.save(update_fields=["aliases", "acronym", "version", "updated_at"])
    return current


@transaction.atomic
def mentions_record_quoted(
    *, meeting: Meeting, rows: Iterable[dict], source_url: str = "", statement=None
) -> list[Mention]:
    """mention_record for every quotation of one statement at once: each row names the
    `initiative`, its `paragraph` (of this meeting's statement) and what was said (`phrase`,
    `matched_text`, `status`, `expected_date`, `expected_text`, `expected_precision`). All are
    confirmed; a status the tracker does not know is none. With `statement`, its mentions that
    no row repeats are removed (a corrected version). The statuses follow from the saves."""
    rows = list(rows)
    if statement is not None:
        wanted = {(row["paragraph"].pk, row["initiative"].pk) for row in rows}
        existing = Mention.objects.filter(paragraph__statement=statement)
        stale = [
            pk
            for pk, paragraph_id, initiative_id in existing.values_list(
                "pk", "paragraph_id", "initiative_id"
            )
            if (paragraph_id, initiative_id) not in wanted
        ]
        Mention.objects.filter(pk__in=stale).delete()
    saved = []
    for row in rows:
        paragraph, status = row["paragraph"], row.get("status") or ""
        if paragraph.statement.meeting_id != meeting.pk:
            raise ValueError("The paragraph belongs to another meeting's statement.")
        mention, _ = Mention.objects.update_or_create(
            meeting=meeting,
            paragraph=paragraph,
            initiative=row["initiative"],
            defaults={
                "phrase": (row.get("phrase") or "")[:500],
                "matched_text": (row.get("matched_text") or "")[:300],
                "status": status if status in Status.values else "",
                "expected_date": row.get("expected_date"),
                "expected_text": (row.get("expected_text") or "")[:100],
                "expected_precision": row.get("expected_precision")
                or precision_of(row.get("expected_text") or ""),
                "is_confirmed": True,
                "source_url": source_url[:500],
                "evidence": EvidenceKind.STATEMENT,
            },
        )
        saved.append(mention)
    return saved


def initiative_expect_from(
    *, initiative: Initiative, meeting: Meeting, expected: date, text: str, precision: str, status
) -> None:
    """A meeting's expectation ("early 2023") becomes the initiative's next step unless a later
    held meeting said something of it: kept at the precision it was said with and with the
    status that held when it was said (reaching past that status meets it)."""
    if not expected or not meeting.start_date:
        return
    later = Mention.objects.filter(
        initiative=initiative, meeting__start_date__gt=meeting.start_date, meeting__is_planned=False
    ).exclude(expected_text="", status="")
    if later.exists():
        return
    held = Initiative.objects.values_list("status", flat=True).get(pk=initiative.pk)
    Initiative.objects.filter(pk=initiative.pk).update(
        expected_date=expected,
        expected_text=text[:100],
        expected_precision=precision or precision_of(text),
        expected_status=status or held,
    )
    initiative_refresh_status(initiative=initiative)


@transaction.atomic
def meeting_record_held(*, user, series: str, number: int, **fields) -> Meeting:
    """The meeting a confirmed statement is from, created or completed with the statement's
    values: meeting_create's field check, free slug, validation and history. A planned meeting
    becomes held, its announced "January/February 2024" giving way to the real dates."""
    _check_fields(fields, MEETING_FIELDS)
    meeting = Meeting.objects.select_for_update().filter(series=series, number=number).first()
    if meeting is None:
        meeting = Meeting(series=series, number=number)
        meeting.slug = _free_slug(Meeting, f"{series} {number}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.is_planned and meeting.start_date:
        meeting.date_text = ""
    meeting.is_planned = False
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    return meeting


@transaction.atomic
def meeting_announce(*, user, series: str, number: int, **fields) -> Meeting | None:
    """A meeting a confirmed statement announces, created as planned or updated while still
    planned; None when it has been held (what happened wins over what was announced)."""
    _check_fields(fields, MEETING_FIELDS)
    meeting = Meeting.objects.select_for_update().filter(series=series, number=number).first()
    if meeting is not None and not meeting.is_planned:
        return None
    if meeting is None:
        meeting = Meeting(series=series, number=number, is_planned=True)
        meeting.slug = _free_slug(Meeting, f"{series} {number}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    return meeting


@transaction.atomic
def statement_correct(
    *,
    statement: Statement,
    text: str,
    paragraphs: Iterable,
    source_filename: str = "",
    source_format: str = "",
    user=None,
) -> Statement:
    """A corrected version of a stored statement: the new text verbatim, its paragraphs
    updated in place by number (added, changed, removed), so that mentions keep their rows."""
    statement.text = text
    statement.checksum = text_checksum(text)
    statement.source_filename = source_filename
    statement.source_format = source_format
    statement.imported_by = user or statement.imported_by
    statement.save()
    stored = {p.number: p for p in statement.paragraphs.all()}
    for p in paragraphs:
        row = stored.pop(p.number, None)
        if row is None:
            Paragraph.objects.create(
                statement=statement, number=p.number, section=p.section, text=p.text
            )
        elif (row.text, row.section) != (p.text, p.section):
            row.text, row.section = p.text, p.section
            row.save()
    for row in stored.values():
        row.delete()
    return statement
