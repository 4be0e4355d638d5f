"""The importer's stages chained: bytes -> a proposal (a JSON-serialisable dict) for review.

Nothing here touches the database: the catalogue of known names and the status rules are passed
in, so the whole pipeline runs in tests, in the benchmark and in a Celery worker alike. The
services module compares the proposal with what is stored and saves it on confirmation.

Proposal layout (stored in ImportJob.proposal):

    source:      filename, format, encoding, size, checksum, metadata
    statement:   text (verbatim), title, kind, issued_on
    meeting:     the parsed header (series, number, dates, venue, host, chair, vice_chair, ...)
    paragraphs:  [{number, section, text}]
    candidates:  proposed new initiatives, each with action accept / merge / reject
    mentions:    one per (paragraph, initiative or candidate): spans, phrase, status, expected
    planned_meetings: meetings the statement announces
    warnings:    things an officer should look at
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from ..status import furthest
from .classify import NextMeeting, Rule, by_kind, classify_mention, sentence_spans
from .dates import find_expected
from .discover import discover
from .errors import ImportRefused
from .matcher import CANDIDATE, INITIATIVE, Catalogue, Matcher
from .meeting import parse_meeting, parse_next_meetings
from .readers import read_document
from .splitter import split_statement

PROPOSAL_VERSION = 1
# What one statement can hold, so that reading any file ends within seconds: the longest joint
# statements run to about 60 paragraphs and 60,000 characters.
MAX_PARAGRAPHS = 400
MAX_PARAGRAPH_CHARS = 400_000
ACCEPT, MERGE, REJECT = "accept", "merge", "reject"

Progress = Callable[[int, str], None]


def _noop(percent: int, label: str) -> None:
    return None


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
) -> dict:
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
    used = {m["target"]["key"] for m in mentions if m["target"]["type"] == CANDIDATE}
    candidates = [c for c in candidates if c.key in used]

    progress(85, "Preparing the proposal")
    if not meeting.declaration:
        declarations = {c.key: c.name for c in candidates if c.kind == "declaration"}
        declarations |= {
            e.id: e.name for e in catalogue.initiatives() if e.category == "declaration"
        }
        for m in mentions:
            target = m["target"].get("id", m["target"].get("key"))
            if target in declarations and m["status"] == "adopted":
                meeting.declaration = declarations[target]
                break
    candidate_rows = []
    for c in candidates:
        row = c.as_dict()
        row["action"] = MERGE if c.suggested_merge_id else ACCEPT
        row["merge_into"] = c.suggested_merge_id
        row["merge_into_name"] = c.suggested_merge_name
        candidate_rows.append(row)
    title = str(document.metadata.get("title") or split.title or "")
    proposal = {
        "version": PROPOSAL_VERSION,
        "source": {
            "filename": filename,
            "format": document.format,
            "encoding": document.encoding,
            "size": len(data),
            "checksum": text_checksum(document.original),
            "metadata": _jsonable(document.metadata),
        },
        "statement": {
            "text": document.original,
            "title": title[:300],
            "kind": "joint_media_statement",
            "issued_on": (meeting.end_date or meeting.start_date).isoformat()
            if (meeting.end_date or meeting.start_date)
            else None,
        },
        "meeting": meeting.as_dict(),
        "sections": split.sections,
        "paragraphs": [
            {"number": p.number, "section": p.section, "text": p.text} for p in split.paragraphs
        ],
        "candidates": candidate_rows,
        "mentions": mentions,
        "planned_meetings": [p.as_dict() for p in planned],
        "warnings": list(split.warnings),
    }
    if meeting.start_date is None:
        proposal["warnings"].append("No meeting dates were found: enter them before confirming.")
    if not meeting.venue:
        proposal["warnings"].append("No venue was found.")
    progress(95, "Comparing with the tracker")
    return proposal


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
) -> list[dict]:
    """One mention per paragraph and initiative; the most advanced status said there wins."""
    out: list[dict] = []
    for number, text in paragraphs:
        matches = matcher.find(text)
        sentences = sentence_spans(text, [(m.start, m.end) for m in matches])
        spans = [(m.start, m.end) for m in matches if m.entry.kind in (INITIATIVE, CANDIDATE)]
        grouped: dict[tuple[str, str], dict] = {}
        for match in matches:
            if match.entry.kind not in (INITIATIVE, CANDIDATE):
                continue
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
            target = (
                {"type": INITIATIVE, "id": match.entry.id, "name": match.entry.name}
                if match.entry.kind == INITIATIVE
                else {"type": CANDIDATE, "key": match.entry.id, "name": match.entry.name}
            )
            group_key = (match.entry.kind, str(match.entry.id))
            row = grouped.get(group_key)
            if row is None:
                row = grouped[group_key] = {
                    "key": f"p{number}-{match.entry.kind[0]}{match.entry.id}",
                    "paragraph": number,
                    "target": target,
                    "spans": [],
                    "matched_text": match.text,
                    "phrase": result.phrase,
                    "status": result.status,
                    "expected_text": result.expected_text,
                    "expected_date": result.expected_date.isoformat()
                    if result.expected_date
                    else None,
                    "expected_precision": result.expected_precision,
                    "rule": result.rule,
                    "keep": True,
                }
            elif result.status != row["status"] and (
                furthest([row["status"], result.status]) == result.status
            ):
                # The furthest along of what one paragraph says, an end outranking the rest
                # (the status engine's rule for one meeting).
                row.update(
                    phrase=result.phrase,
                    status=result.status,
                    rule=result.rule,
                    expected_text=result.expected_text or row["expected_text"],
                    expected_date=result.expected_date.isoformat()
                    if result.expected_date
                    else row["expected_date"],
                    expected_precision=result.expected_precision
                    if result.expected_text
                    else row["expected_precision"],
                )
            elif not row["expected_text"] and result.expected_text:
                row["expected_text"] = result.expected_text
                row["expected_date"] = (
                    result.expected_date.isoformat() if result.expected_date else None
                )
                row["expected_precision"] = result.expected_precision
            row["spans"].append([match.start, match.end])
        out.extend(grouped.values())
    return out


def summary_json(proposal: dict) -> dict:
    """The parse as `import_statement --json` prints it."""
    names = {c["key"]: c for c in proposal["candidates"]}
    mentions = []
    for m in proposal["mentions"]:
        if not m.get("keep", True):
            continue
        target = m["target"]
        known = target["type"] == INITIATIVE
        name = target["name"]
        if not known:
            candidate = names.get(target["key"])
            if candidate is None or candidate["action"] == REJECT:
                continue
            name = candidate["name"]
            if candidate["action"] == MERGE and candidate.get("merge_into_name"):
                name, known = candidate["merge_into_name"], True
        mentions.append(
            {
                "paragraph": m["paragraph"],
                "initiative": name,
                "known": known,
                "phrase": m["phrase"],
                "status": m["status"],
                "expected": m["expected_text"],
            }
        )
    meeting = dict(proposal["meeting"])
    chair, vice = meeting.get("chair") or {}, meeting.get("vice_chair") or {}
    meeting.update(
        chair_name=chair.get("name", ""),
        chair_title=chair.get("title", ""),
        chair_country=chair.get("country", ""),
        vice_chair_name=vice.get("name", ""),
        vice_chair_title=vice.get("title", ""),
        vice_chair_country=vice.get("country", ""),
    )
    meeting.pop("host_id", None)
    for person in ("chair", "vice_chair"):
        meeting[person] = {
            k: v for k, v in (meeting.get(person) or {}).items() if k != "country_id"
        }
    return {
        "meeting": meeting,
        "paragraphs": [
            {"number": p["number"], "section": p["section"], "text": p["text"]}
            for p in proposal["paragraphs"]
        ],
        "mentions": mentions,
        "planned_meetings": [
            {k: v for k, v in p.items() if k != "host_id"} for p in proposal["planned_meetings"]
        ],
    }
