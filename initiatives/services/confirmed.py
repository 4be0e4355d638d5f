"""Writes of a confirmed statement import, with the rules of the writes in the app."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from partners.models import Partner
from tracker.history import save_by
from tracker.text import text_checksum

from ..choices import EvidenceKind, PartnerRole, Status
from ..models import (
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    Statement,
)
from ..status import precision_of
from .mentions import initiative_refresh_status
from .records import MEETING_FIELDS, _check_fields, _free_slug, _initiative_insert

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
    initiative = _initiative_insert(user=user, name=name, fields=fields)
    for partner in Partner.objects.filter(pk__in=list(partner_ids)).order_by("pk"):
        link = InitiativePartner(initiative=initiative, partner=partner, role=PartnerRole.PARTNER)
        save_by(link, user)
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
        save_by(current, user, update_fields=["aliases", "acronym", "version", "updated_at"])
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
    save_by(meeting, user)
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
    save_by(meeting, user)
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
