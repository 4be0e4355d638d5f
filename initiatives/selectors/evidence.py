"""Evidence as the status engine reads it (initiatives/status.py), loaded in two queries.

Every page that needs the status at some meeting or date loads evidence here and asks the
engine, so that no page has its own reading of "which status holds".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..choices import EvidenceKind
from ..models import Meeting, Mention, ProgressUpdate
from ..status import Evidence, MeetingKey, Source

_SOURCE = {
    EvidenceKind.STATEMENT: Source.STATEMENT,
    EvidenceKind.REPORT: Source.REPORT,
    EvidenceKind.OFFICER: Source.OFFICER,
}


# What a mention row must carry for the engine, after its initiative and meeting ids.
MENTION_EVIDENCE_FIELDS = ("status", "evidence", "replaced_by_id")


def mention_evidence(meeting: MeetingKey, status: str, evidence: str, replaced_by) -> Evidence:
    """A mention as evidence, from the values of MENTION_EVIDENCE_FIELDS."""
    return Evidence(
        on=meeting.on,
        status=status,
        source=_SOURCE.get(evidence, Source.OFFICER),
        meeting=meeting,
        replaced=replaced_by is not None,
    )


def update_evidence(initiative_ids: Iterable[int]) -> dict[int, list[Evidence]]:
    """initiative id -> its progress updates and country notes as evidence (one query)."""
    out: dict[int, list[Evidence]] = defaultdict(list)
    rows = ProgressUpdate.objects.order_by().filter(initiative_id__in=list(initiative_ids))
    for initiative_id, evidence in _updates(rows):
        out[initiative_id].append(evidence)
    return out


def _updates(queryset):
    for initiative_id, *values in queryset.values_list(
        "initiative_id", "pk", "date", "status", "withdrawn_at", "member_state_id"
    ):
        yield initiative_id, _update(*values)


def _update(pk, on, status, withdrawn, state) -> Evidence:
    return Evidence(
        on=on,
        status=status,
        source=Source.UPDATE,
        seq=pk,
        withdrawn=withdrawn is not None,
        country_note=state is not None,
    )


def updates_as_evidence(updates: Iterable[ProgressUpdate]) -> list[Evidence]:
    """Progress updates a page has loaded already, as evidence (no query)."""
    return [_update(u.pk, u.date, u.status, u.withdrawn_at, u.member_state_id) for u in updates]


def meeting_key(meeting: Meeting) -> MeetingKey:
    return MeetingKey(meeting.pk, meeting.start_date, meeting.series, meeting.is_planned)


def meeting_keys() -> dict[int, MeetingKey]:
    """Every meeting as the engine knows it (one query; meetings are few)."""
    return meeting_index().keys


@dataclass(frozen=True)
class MeetingIndex:
    """Every meeting as the engine knows it, and how the meetings of a series follow each other."""

    keys: dict[int, MeetingKey]
    previous: dict[int, MeetingKey | None]  # the previous held meeting of the series
    following: dict[int, list[MeetingKey]]  # the held meetings whose previous meeting it is


def meeting_index() -> MeetingIndex:
    """One query. "Previous" is as selectors.previous_meeting(): the held meeting of the same
    series with the highest lower number."""
    rows = Meeting.objects.order_by("series", "number").values_list(
        "pk", "start_date", "series", "is_planned"
    )
    keys, previous, following = {}, {}, defaultdict(list)
    last_held: dict[str, MeetingKey] = {}  # numbers are unique within a series
    for pk, on, series, planned in rows:
        key = keys[pk] = MeetingKey(pk, on, series, planned)
        previous[pk] = last_held.get(series)
        if previous[pk] is not None and key.held:
            following[previous[pk].id].append(key)
        if not planned:
            last_held[series] = key
    return MeetingIndex(keys, previous, dict(following))


def evidence_by_initiative(
    initiative_ids: Iterable[int] | None = None,
    *,
    until: date | None = None,
    meetings: dict[int, MeetingKey] | None = None,
) -> dict[int, list[Evidence]]:
    """initiative id -> its evidence (mentions at meetings, progress updates, country notes).

    `initiative_ids` None means every initiative; `until` drops evidence dated after that day.
    Withdrawn updates and replaced reports are loaded too (marked), so the engine decides.
    """
    meetings = meetings if meetings is not None else meeting_keys()
    out: dict[int, list[Evidence]] = defaultdict(list)
    mentions = Mention.objects.order_by()
    updates = ProgressUpdate.objects.order_by()
    if initiative_ids is not None:
        ids = list(initiative_ids)
        mentions = mentions.filter(initiative_id__in=ids)
        updates = updates.filter(initiative_id__in=ids)
    if until is not None:
        mentions = mentions.filter(meeting__start_date__lte=until)
        updates = updates.filter(date__lte=until)
    for initiative_id, meeting_id, status, evidence, replaced in mentions.values_list(
        "initiative_id", "meeting_id", *MENTION_EVIDENCE_FIELDS
    ):
        out[initiative_id].append(
            mention_evidence(meetings[meeting_id], status, evidence, replaced)
        )
    for initiative_id, evidence in _updates(updates):
        out[initiative_id].append(evidence)
    return out


# At one meeting a quotation outranks a report of it, and a report an officer's entry.
_EVIDENCE_RANK = {EvidenceKind.STATEMENT: 2, EvidenceKind.REPORT: 1, EvidenceKind.OFFICER: 0}


def evidence_label(kind: str, confidence: str = "", publisher: str = "") -> str:
    """How pages and exports name a mention's evidence: "statement quotation", "report (low
    confidence, vjst.vn)", "officer's entry"."""
    if kind == EvidenceKind.STATEMENT:
        return "statement quotation"
    if kind == EvidenceKind.REPORT:
        details = ", ".join(
            x for x in (f"{confidence} confidence" if confidence else "", publisher) if x
        )
        return f"report ({details})" if details else "report"
    return "officer's entry"


def latest_mention_evidence(initiative_ids: Iterable[int]) -> dict[int, str]:
    """initiative id -> how its latest held meeting's mention is known (the best-ranked
    evidence of that meeting day), in one query. Stored by initiatives.signals."""
    rows = (
        Mention.objects.filter(
            initiative_id__any_of=list(initiative_ids),
            replaced_by__isnull=True,
            meeting__is_planned=False,
            meeting__start_date__isnull=False,
        )
        .order_by()
        .values_list("initiative_id", "meeting__start_date", "evidence", "confidence", "publisher")
    )
    best: dict[int, tuple] = {}
    for initiative_id, on, kind, confidence, publisher in rows:
        key = (on, _EVIDENCE_RANK.get(kind, 0))
        if initiative_id not in best or key > best[initiative_id][0]:
            best[initiative_id] = (key, (kind, confidence, publisher))
    return {pk: evidence_label(*said) for pk, (_, said) in best.items()}
