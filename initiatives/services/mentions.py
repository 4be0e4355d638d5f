"""Writes of what meetings said: statements kept verbatim and the mentions they make."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.text import slugify

from tracker.text import ordinal, text_checksum

from ..choices import EvidenceKind
from ..models import (
    Initiative,
    Meeting,
    Mention,
    Paragraph,
    Statement,
)
from ..signals import TRACKED_FIELDS, refresh_tracking


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
