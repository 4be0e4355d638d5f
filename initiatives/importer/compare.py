"""Reads of the statement importer: compare a proposal with what the tracker already holds.

Nothing here writes. `proposal_prepare` runs the pipeline against the database's catalogue and
rules and adds what is stored: a duplicate (the same text, or the same paragraphs in another
format), a stored statement this one corrects (with its paragraph diff), the meeting it belongs
to, and a refusal when the statement contradicts a held meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date

from partners.models import Partner
from tracker.text import ordinal, text_checksum

from ..models import Meeting, Statement
from ..status import due_by
from .dates import find_expected
from .errors import ImportRefused
from .matcher import Matcher
from .meeting import parse_meeting
from .pipeline import build_proposal, read_and_split
from .proposal import (
    Duplicate,
    ExistingMeeting,
    MeetingInfo,
    MeetingValues,
    Proposal,
    Replacement,
)
from .selectors import catalogue_load, status_rules

# The meeting's fields a statement can fill, as the review corrects them.
MEETING_FIELDS = tuple(f.name for f in fields(MeetingValues))


def _stored_values(meeting: Meeting) -> dict:
    values = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    for name in ("start_date", "end_date"):
        values[name] = values[name].isoformat() if values[name] else None
    return values


def _dates_text(start: date | None, end: date | None) -> str:
    """ "9-10 February 2023", "30 January - 1 February 2024", "17 January 2025"."""
    if not start:
        return "no dates"
    if not end or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} - {end.day} {end:%B %Y}"


def refines_stored_dates(stored: Meeting, start: date | None) -> bool:
    """Whether exact dates fall inside what the tracker records only approximately: a held
    meeting recorded as "January 2022" (its date_text, with the 1st of the month as its date)
    is refined, not contradicted, by a statement dated 28 January 2022."""
    if start is None or stored.start_date is None or stored.end_date or not stored.date_text:
        return False
    said = find_expected(f"in {stored.date_text}")
    if said is None or said.precision == "day" or said.date != stored.start_date:
        return False
    return stored.start_date <= start <= due_by(stored.start_date, said.precision)


def meeting_contradiction(series: str, number: int, start: str | None, end: str | None, host_id):
    """A message when a held meeting already stored for this series and number disagrees."""
    stored = Meeting.objects.filter(series=series, number=number, is_planned=False).first()
    if stored is None:
        return None
    label = stored.short_name
    if start and stored.start_date:
        parsed = (date.fromisoformat(start), date.fromisoformat(end) if end else None)
        kept = (stored.start_date, stored.end_date or stored.start_date)
        if (parsed[0], parsed[1] or parsed[0]) != kept and not refines_stored_dates(
            stored, parsed[0]
        ):
            return (
                f"This statement dates the {label} {_dates_text(*parsed)}, but the tracker "
                f"records it on {_dates_text(*kept)}. Nothing was imported: correct the stored "
                "meeting first if the statement is right, or check that this is the right file."
            )
    if host_id and stored.host_id and host_id != stored.host_id:
        host = Partner.objects.filter(pk=host_id).first()
        return (
            f"This statement has the {label} hosted by {host}, but the tracker records "
            f"{stored.host}. Nothing was imported: correct the stored meeting first if the "
            "statement is right."
        )
    return None


def stored_duplicate(checksum: str) -> Statement | None:
    return Statement.objects.filter(checksum=checksum).select_related("meeting").first()


def duplicate_refusal(statement: Statement) -> ImportRefused:
    return ImportRefused(
        ImportRefused.DUPLICATE,
        f"This statement is already in the tracker as the {statement.get_kind_display().lower()}"
        f" of the {statement.meeting.short_name} (imported {statement.created_at:%d %b %Y}). "
        "Nothing was changed.",
        statement=statement,
    )


def paragraph_diff(old: list[dict], new: list[dict]) -> list[dict]:
    """What differs between stored paragraphs and a new version, paragraph by paragraph."""
    before = {p["number"]: p for p in old}
    after = {p["number"]: p for p in new}
    changes = []
    for number in sorted(set(before) | set(after)):
        b, a = before.get(number), after.get(number)
        if b is None:
            changes.append({"number": number, "change": "added", "before": "", "after": a["text"]})
        elif a is None:
            changes.append(
                {"number": number, "change": "removed", "before": b["text"], "after": ""}
            )
        elif b["text"] != a["text"] or b["section"] != a["section"]:
            changes.append(
                {
                    "number": number,
                    "change": "changed",
                    "before": b["text"],
                    "after": a["text"],
                    "before_section": b["section"],
                    "after_section": a["section"],
                }
            )
    return changes


def meeting_number_for(series: str, start: date | str | None) -> int:
    """The number of a meeting whose statement never says it ("the ASEAN-Japan Digital Ministers'
    Meeting was held on 15 January 2026"): the meeting of that series stored in the same year if
    there is one (held or planned), else the next number free in the series."""
    if isinstance(start, str):
        start = date.fromisoformat(start)
    meetings = Meeting.objects.filter(series=series)
    if start is not None:
        same_year = meetings.filter(start_date__year=start.year).order_by("number").first()
        if same_year is not None:
            return same_year.number
    last = meetings.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _iso(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _number_unnumbered(meeting: MeetingInfo) -> None:
    if meeting.number:
        return
    meeting.number = meeting_number_for(meeting.series, meeting.start_date)
    meeting.number_inferred = True
    if not re.match(r"\d", meeting.title or ""):
        meeting.title = f"{ordinal(meeting.number)} {meeting.title or ''}".strip()


def proposal_compare(proposal: Proposal) -> Proposal:
    """Add what the tracker already holds; refuse a statement that contradicts a stored meeting."""
    meeting = proposal.meeting
    _number_unnumbered(meeting)
    parsed = MeetingValues.parsed(meeting)
    problem = meeting_contradiction(
        meeting.series, meeting.number, parsed.start_date, parsed.end_date, parsed.host_id
    )
    if problem:
        raise ImportRefused(ImportRefused.CONTRADICTS, problem)
    proposal.duplicate_of, proposal.replaces, proposal.existing_meeting = None, None, None
    duplicate = stored_duplicate(proposal.source.checksum)
    if duplicate is not None:
        proposal.duplicate_of = Duplicate(
            statement_id=duplicate.pk,
            meeting=duplicate.meeting.short_name,
            meeting_url=duplicate.meeting.get_absolute_url(),
            message=duplicate_refusal(duplicate).message,
        )
    stored = Meeting.objects.filter(series=meeting.series, number=meeting.number).first()
    proposal.meeting_values = parsed
    if stored is not None:
        proposal.meeting_values = _merged_values(stored, parsed)
        _compare_stored_statement(proposal, stored, duplicate)
    return proposal


def _merged_values(stored: Meeting, parsed_values: MeetingValues) -> MeetingValues:
    """The statement's header merged with the stored meeting."""
    kept, parsed = _stored_values(stored), parsed_values.to_json()
    if not stored.is_planned:
        # A held meeting keeps what officers recorded; the statement only fills the gaps,
        # and gives the exact dates of a meeting recorded as "January 2022".
        values = {k: (kept[k] if kept[k] not in ("", None) else parsed[k]) for k in parsed}
        if refines_stored_dates(stored, _iso(parsed["start_date"])):
            values["start_date"], values["end_date"] = parsed["start_date"], parsed["end_date"]
    else:
        values = {k: (parsed[k] if parsed[k] not in ("", None) else kept[k]) for k in parsed}
    return MeetingValues.from_json(values)


def _compare_stored_statement(proposal: Proposal, stored: Meeting, duplicate) -> None:
    """Where the statement differs from the stored meeting, and the stored statement that this
    one repeats (a duplicate) or corrects (a replacement with its paragraph diff)."""
    kept, parsed = _stored_values(stored), MeetingValues.parsed(proposal.meeting).to_json()
    proposal.existing_meeting = ExistingMeeting(
        id=stored.pk,
        slug=stored.slug,
        is_planned=stored.is_planned,
        differences={
            k: {"stored": kept[k], "statement": parsed[k]}
            for k in parsed
            if parsed[k] not in ("", None) and kept[k] not in ("", None) and parsed[k] != kept[k]
        },
    )
    statement = stored.statements.filter(kind=proposal.statement.kind).first()
    if statement is None or duplicate is not None:
        return
    old = list(statement.paragraphs.values("number", "section", "text"))
    new = [{"number": p.number, "section": p.section, "text": p.text} for p in proposal.paragraphs]
    diff = paragraph_diff(old, new)
    if diff:
        proposal.replaces = Replacement(statement_id=statement.pk, diff=diff)
    else:
        proposal.duplicate_of = Duplicate(
            statement_id=statement.pk,
            meeting=stored.short_name,
            meeting_url=stored.get_absolute_url(),
            message=(
                f"The tracker already holds this statement of the {stored.short_name} "
                "with the same paragraphs (this copy differs only in format or "
                "layout). Nothing was changed."
            ),
        )


def proposal_prepare(
    data: bytes,
    *,
    filename: str = "",
    encoding: str = "",
    progress: Callable[[int, str], None] | None = None,
) -> Proposal:
    """Run the whole pipeline on an uploaded statement; writes nothing."""
    proposal = build_proposal(
        data,
        catalogue=catalogue_load(),
        rules=status_rules(),
        filename=filename,
        encoding=encoding,
        progress=progress or (lambda percent, label: None),
    )
    return proposal_compare(proposal)


def statement_precheck(data: bytes, *, filename: str = "", encoding: str = "") -> None:
    """The cheap checks run before an upload is accepted, so that bad input writes nothing:
    readable, numbered paragraphs, a meeting named, no contradiction, not a duplicate."""
    document, split = read_and_split(data, filename=filename, encoding=encoding)
    duplicate = stored_duplicate(text_checksum(document.original))
    if duplicate is not None:
        raise duplicate_refusal(duplicate)
    meeting = parse_meeting(split, document.metadata, Matcher(catalogue_load().entries))
    if not meeting.number:
        meeting.number = meeting_number_for(meeting.series, meeting.start_date)
    problem = meeting_contradiction(
        meeting.series,
        meeting.number,
        meeting.start_date.isoformat() if meeting.start_date else None,
        meeting.end_date.isoformat() if meeting.end_date else None,
        meeting.host_id,
    )
    if problem:
        raise ImportRefused(ImportRefused.CONTRADICTS, problem)
