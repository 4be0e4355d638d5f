"""Writes to the tracking records. Views, commands, tasks and the API call these, never .save().

Each function takes keyword-only arguments and runs in one transaction, so a write that touches
several rows either lands whole or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.text import slugify

from tracker.text import ordinal

from .choices import STATUS_RANK
from .models import Initiative, Meeting, Mention, Paragraph, Statement


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unique_slug(model, value: str, *, max_length: int = 100, exclude_pk=None) -> str:
    """A slug for `value` that no other row of `model` uses yet ("defa", "defa-2", ...)."""
    base = slugify(value)[:max_length].strip("-") or "item"
    slug, n = base, 2
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def meeting_slug(series: str, number: int) -> str:
    return slugify(f"{series} {number}")


def meeting_default_title(series: str, number: int) -> str:
    return f"{ordinal(number)} {series}"


@dataclass(frozen=True)
class StatusEvidence:
    on: date
    status: str
    rank: int  # within one day, what breaks the tie (an officer's update wins over a meeting)


def _status_evidence(initiative: Initiative) -> Iterable[StatusEvidence]:
    mentions = (
        initiative.mentions.exclude(status="")
        .filter(meeting__start_date__isnull=False, meeting__is_planned=False)
        .values_list("meeting__start_date", "status")
    )
    for on, status in mentions:
        yield StatusEvidence(on, status, STATUS_RANK.get(status, 0))
    # Country notes are a member state's view; they never move the official status.
    updates = initiative.progress_updates.exclude(status="").filter(
        member_state__isnull=True, withdrawn_at__isnull=True
    )
    for on, status in updates.values_list("date", "status"):
        yield StatusEvidence(on, status, 100)


def initiative_refresh_status(*, initiative: Initiative) -> Initiative:
    """Set the initiative's current status from the latest meeting mention or officer update.

    Within one meeting several paragraphs may mention it; the most advanced status said there
    counts. An officer's progress update dated the same day as a meeting is taken as later.
    """
    evidence = sorted(_status_evidence(initiative), key=lambda e: (e.on, e.rank))
    status, changed_on = ("", None)
    if evidence:
        status, changed_on = evidence[-1].status, evidence[-1].on
    if (initiative.status, initiative.status_changed_on) != (status, changed_on):
        initiative.status, initiative.status_changed_on = status, changed_on
        initiative.save(update_fields=["status", "status_changed_on", "updated_at"])
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
) -> Mention:
    """Create or update the mention of an initiative in a paragraph, or unsourced at a meeting."""
    if paragraph is not None and paragraph.statement.meeting_id != meeting.pk:
        raise ValueError("The paragraph belongs to another meeting's statement.")
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
        },
    )
    initiative_refresh_status(initiative=initiative)
    return mention
