"""The importer's stages chained: bytes -> a typed Proposal (proposal.py) for review.

Nothing here touches the database: the catalogue of known names and the status rules are passed
in, so the whole pipeline runs in tests, in the benchmark and in a Celery worker alike. The
compare module adds what is stored; the services module saves it on confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tracker.text import text_checksum

from ..status import furthest
from .classify import (
    Classification,
    NextMeeting,
    Rule,
    by_kind,
    classify_mention,
    sentence_spans,
)
from .dates import find_expected
from .discover import discover
from .errors import ImportRefused
from .matcher import CANDIDATE, INITIATIVE, Catalogue, Matcher
from .meeting import parse_meeting, parse_next_meetings
from .proposal import (
    MERGE,
    REJECT,
    Candidate,
    Mention,
    Proposal,
    Source,
    StatementInfo,
    Target,
)
from .readers import read_document
from .splitter import split_statement

# What one statement can hold, so that reading any file ends within seconds: the longest joint
# statements run to about 60 paragraphs and 60,000 characters.
MAX_PARAGRAPHS = 400
MAX_PARAGRAPH_CHARS = 400_000

Progress = Callable[[int, str], None]


def _noop(percent: int, label: str) -> None:
    return None


def read_and_split(data: bytes, *, filename: str = "", encoding: str = ""):
    """The cheap first stages, which catch nearly every bad input: read and split."""
    document = read_document(data, filename=filename, encoding=encoding)
    split = split_statement(document.text)
    if not split.paragraphs:
        raise ImportRefused(
            ImportRefused.NO_PARAGRAPHS,
            "No numbered paragraphs were found. A statement numbers its paragraphs "
            '"1.", "2.", "3." ...; check that this is the statement and not a cover page.',
        )
    size = sum(len(p.text) for p in split.paragraphs)
    if len(split.paragraphs) > MAX_PARAGRAPHS or size > MAX_PARAGRAPH_CHARS:
        raise ImportRefused(
            ImportRefused.TOO_LARGE,
            f"This file has {len(split.paragraphs)} numbered paragraphs ({size // 1000:,} "
            f"thousand characters); a statement has tens of paragraphs, and the importer reads "
            f"up to {MAX_PARAGRAPHS} ({MAX_PARAGRAPH_CHARS // 1000:,} thousand characters). "
            "Upload the statement alone, without the report or annexes around it.",
        )
    return document, split


def build_proposal(
    data: bytes,
    *,
    catalogue: Catalogue,
    rules: list[Rule],
    filename: str = "",
    encoding: str = "",
    progress: Progress = _noop,
) -> Proposal:
    progress(5, "Reading the document")
    document, split = read_and_split(data, filename=filename, encoding=encoding)
    progress(25, "Finding the meeting and its paragraphs")
    known = Matcher(catalogue.entries)
    meeting = parse_meeting(split, document.metadata, known)
    planned = parse_next_meetings(split, meeting, known)
    paragraphs = [(p.number, p.text) for p in split.paragraphs]

    progress(45, "Looking for initiatives the tracker does not know yet")
    candidates = discover(paragraphs, known)
    matcher = Matcher([*catalogue.entries, *(c.entry() for c in candidates)])

    progress(65, "Matching known initiatives and reading what the ministers said")
    not_before = meeting.start_date or _metadata_date(document.metadata)
    mentions = _mentions(paragraphs, matcher, rules, not_before, _next_meeting(planned))
    used = {m.target.key for m in mentions if not m.target.known}
    candidates = [c for c in candidates if c.key in used]

    progress(85, "Preparing the proposal")
    if not meeting.declaration:
        meeting.declaration = _declaration(mentions, candidates, catalogue)
    for candidate in candidates:
        candidate.suggest()
    title = str(document.metadata.get("title") or split.title or "")
    proposal = Proposal(
        source=_source(document, filename, len(data)),
        statement=StatementInfo(
            text=document.original,
            title=title[:300],
            issued_on=meeting.end_date or meeting.start_date,
        ),
        meeting=meeting,
        sections=list(split.sections),
        paragraphs=list(split.paragraphs),
        candidates=candidates,
        mentions=mentions,
        planned_meetings=planned,
        warnings=list(split.warnings),
    )
    if meeting.start_date is None:
        proposal.warnings.append("No meeting dates were found: enter them before confirming.")
    if not meeting.venue:
        proposal.warnings.append("No venue was found.")
    progress(95, "Comparing with the tracker")
    return proposal


def _source(document, filename: str, size: int) -> Source:
    return Source(
        filename=filename,
        format=document.format,
        encoding=document.encoding,
        size=size,
        checksum=text_checksum(document.original),
        metadata=_jsonable(document.metadata),
    )


def _declaration(mentions: list[Mention], candidates: list[Candidate], catalogue) -> str:
    """The declaration the meeting adopted, when the statement says it adopted one."""
    declarations = {c.key: c.name for c in candidates if c.kind == "declaration"}
    declarations |= {e.id: e.name for e in catalogue.initiatives() if e.category == "declaration"}
    for m in mentions:
        target = m.target.id if m.target.known else m.target.key
        if target in declarations and m.status == "adopted":
            return declarations[target]
    return ""


def _metadata_date(metadata: dict) -> date | None:
    value = metadata.get("date")
    return value if isinstance(value, date) else None


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _next_meeting(planned) -> NextMeeting | None:
    """The first announced meeting with a date, for "to be presented at the next ADGMIN"."""
    for meeting in planned:
        if meeting.start_date is not None:
            said = find_expected(f"in {meeting.date_text}") if meeting.date_text else None
            precision = said.precision if said is not None else "day"
            return NextMeeting(
                meeting.date_text or meeting.start_date.isoformat(),
                meeting.start_date,
                precision,
                meeting.number,
            )
    return None


def _mentions(
    paragraphs: list[tuple[int, str]],
    matcher: Matcher,
    rules: list[Rule],
    not_before,
    next_meeting: NextMeeting | None = None,
) -> list[Mention]:
    """One mention per paragraph and initiative; the most advanced status said there wins."""
    out: list[Mention] = []
    for number, text in paragraphs:
        matches = [m for m in matcher.find(text)]
        sentences = sentence_spans(text, [(m.start, m.end) for m in matches])
        named = [m for m in matches if m.entry.kind in (INITIATIVE, CANDIDATE)]
        spans = [(m.start, m.end) for m in named]
        grouped: dict[tuple[str, str], Mention] = {}
        for match in named:
            result = classify_mention(
                text,
                (match.start, match.end),
                spans,
                rules,
                not_before=not_before,
                sentences=sentences,
                next_meeting=next_meeting,
            )
            result = by_kind(
                result,
                name=match.entry.name,
                kind=match.entry.category,
                meeting_year=not_before.year if not_before else None,
            )
            group_key = (match.entry.kind, str(match.entry.id))
            row = grouped.get(group_key)
            if row is None:
                row = grouped[group_key] = _mention(number, match, result)
            else:
                _said_again(row, result)
            row.spans.append([match.start, match.end])
        out.extend(grouped.values())
    return out


def _mention(number: int, match, result: Classification) -> Mention:
    entry = match.entry
    target = (
        Target(type=INITIATIVE, id=entry.id, name=entry.name)
        if entry.kind == INITIATIVE
        else Target(type=CANDIDATE, key=entry.id, name=entry.name)
    )
    return Mention(
        key=f"p{number}-{entry.kind[0]}{entry.id}",
        paragraph=number,
        target=target,
        matched_text=match.text,
        phrase=result.phrase,
        status=result.status,
        expected_text=result.expected_text,
        expected_date=result.expected_date,
        expected_precision=result.expected_precision,
        rule=result.rule,
    )


def _said_again(row: Mention, result: Classification) -> None:
    """A name said twice in one paragraph: the furthest along of what is said of it, an end
    outranking the rest (the status engine's rule for one meeting)."""
    if result.status != row.status and furthest([row.status, result.status]) == result.status:
        row.phrase, row.status, row.rule = result.phrase, result.status, result.rule
        row.expected_text = result.expected_text or row.expected_text
        row.expected_date = result.expected_date or row.expected_date
        if result.expected_text:
            row.expected_precision = result.expected_precision
    elif not row.expected_text and result.expected_text:
        row.expected_text = result.expected_text
        row.expected_date = result.expected_date
        row.expected_precision = result.expected_precision


def summary_json(proposal: Proposal) -> dict:
    """The parse as `import_statement --json` prints it."""
    mentions = []
    for m in proposal.mentions:
        if not m.keep:
            continue
        known, name = m.target.known, m.target.name
        if not known:
            candidate = proposal.candidate(m.target.key)
            if candidate is None or candidate.action == REJECT:
                continue
            name = candidate.name
            if candidate.action == MERGE and candidate.merge_into_name:
                name, known = candidate.merge_into_name, True
        mentions.append(
            {
                "paragraph": m.paragraph,
                "initiative": name,
                "known": known,
                "phrase": m.phrase,
                "status": m.status,
                "expected": m.expected_text,
            }
        )
    meeting = proposal.meeting.to_json()
    chair, vice = meeting["chair"], meeting["vice_chair"]
    meeting.update(
        chair_name=chair["name"],
        chair_title=chair["title"],
        chair_country=chair["country"],
        vice_chair_name=vice["name"],
        vice_chair_title=vice["title"],
        vice_chair_country=vice["country"],
    )
    meeting.pop("host_id", None)
    for person in ("chair", "vice_chair"):
        meeting[person] = {k: v for k, v in meeting[person].items() if k != "country_id"}
    return {
        "meeting": meeting,
        "paragraphs": [
            {"number": p.number, "section": p.section, "text": p.text} for p in proposal.paragraphs
        ],
        "mentions": mentions,
        "planned_meetings": [
            {k: v for k, v in p.to_json().items() if k != "host_id"}
            for p in proposal.planned_meetings
        ],
    }
