"""What the review screen shows, computed from a proposal so that the templates only display.

Paragraphs are cut into segments around the names found in them (for highlighting), each
mention row is paired with its form, and a corrected statement's changes are cut into words.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from ..choices import Status
from .proposal import Proposal


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[dict]:
    """Cut `text` around (start, end, kind, key) marks: [{"text", "mark", "key"}, ...]."""
    out, position = [], 0
    for start, end, kind, key in sorted(marks):
        if start < position:
            continue  # overlapping marks cannot both be highlighted; the first one wins
        if start > position:
            out.append({"text": text[position:start], "mark": "", "key": ""})
        out.append({"text": text[start:end], "mark": kind, "key": key})
        position = end
    if position < len(text):
        out.append({"text": text[position:], "mark": "", "key": ""})
    return out


def word_diff(before: str, after: str) -> list[dict]:
    """Word-level changes: [{"op": "equal" | "delete" | "insert", "text"}]."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            out.append({"op": "equal" if op == "equal" else "delete", "text": "".join(a[i1:i2])})
        if op in ("insert", "replace") and j2 > j1:
            out.append({"op": "insert", "text": "".join(b[j1:j2])})
    return out


def review_blocks(proposal: Proposal, mention_forms: dict) -> list[dict]:
    """One block per paragraph: its highlighted text and its mentions with their forms."""
    status_labels = dict(Status.choices)
    rows_by_paragraph = defaultdict(list)
    for row in proposal.mentions:
        target = row.target
        candidate = None if target.known else proposal.candidate(target.key)
        rows_by_paragraph[row.paragraph].append(
            {
                "key": row.key,
                "target": target,
                "spans": row.spans,
                "phrase": row.phrase,
                "status": row.status,
                "known": target.known,
                "name": candidate.name if candidate else target.name,
                "candidate_action": candidate.action if candidate else "",
                "status_label": status_labels.get(row.status, ""),
                "form": mention_forms.get(row.key),
            }
        )
    blocks, section = [], None
    for paragraph in proposal.paragraphs:
        rows = rows_by_paragraph.get(paragraph.number, [])
        marks = [
            (start, end, "known" if row["known"] else "new", row["key"])
            for row in rows
            for start, end in row["spans"]
        ]
        blocks.append(
            {
                "number": paragraph.number,
                "section": paragraph.section,
                "text": paragraph.text,
                "new_section": paragraph.section != section,
                "segments": segments(paragraph.text, marks),
                "mentions": rows,
            }
        )
        section = paragraph.section
    return blocks


def candidate_rows(proposal: Proposal, candidate_forms) -> list[dict]:
    """Each proposed initiative with its form, for the review's table."""
    return [
        {**c.to_json(), "form": f}
        for c, f in zip(proposal.candidates, candidate_forms, strict=False)
    ]


def diff_rows(proposal: Proposal) -> list[dict]:
    diff = proposal.replaces.diff if proposal.replaces else []
    return [{**change, "words": word_diff(change["before"], change["after"])} for change in diff]


FIELD_LABELS = {
    "title": "title",
    "start_date": "start date",
    "end_date": "end date",
    "venue": "venue",
    "host_id": "host",
    "chair_name": "chair",
    "chair_title": "chair's title",
    "chair_country_id": "chair's country",
    "vice_chair_name": "vice-chair",
    "vice_chair_title": "vice-chair's title",
    "vice_chair_country_id": "vice-chair's country",
    "theme": "theme",
    "declaration": "declaration",
}


def meeting_differences(proposal: Proposal) -> list[dict]:
    """Where the statement disagrees with what the tracker holds for the meeting, in words."""
    from partners.models import Partner

    existing = proposal.existing_meeting
    differences = existing.differences if existing else {}
    ids = [v["statement"] for k, v in differences.items() if k.endswith("_id")]
    names = dict(Partner.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        {
            "label": FIELD_LABELS.get(field, field),
            "statement": names.get(values["statement"], values["statement"])
            if field.endswith("_id")
            else values["statement"],
        }
        for field, values in differences.items()
    ]
