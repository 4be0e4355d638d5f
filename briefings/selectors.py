"""The briefing pack's content, read from the tracker as it stood on the eve of a meeting.

`briefing_pack(meeting, filters)` returns the typed tree of briefings.content. It works for a
planned meeting (the record as it is, up to the meeting's eve) and for a past one (only what was
known before it was held), in a fixed number of queries whatever the number of initiatives.

What counts as what:

- the *last meeting* is the previous held meeting of the same series; *what changed* there is
  the tracker's own comparison with the meeting before it (initiatives.selectors);
- an initiative is *in scope* when something was said or recorded of it before the eve, unless
  it had ended (completed, discontinued, superseded) and nothing was said or done since the last
  meeting;
- its *last words* are the latest held meeting's mention before the eve: the statement's
  quotation when there is one (a report replaced by a quotation no longer counts), else the
  report with its source;
- *due* means its next step is expected before the meeting (overdue: before the eve or today);
- *silent* counts the meetings of the series without a word since its last mention, this one
  included: an initiative mentioned at the 5th and silent at the 6th is at two before the 7th;
- a dialogue partner's work plans are *due for renewal* when the latest ends before the year of
  the meeting.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from initiatives.choices import EvidenceKind
from initiatives.models import Initiative, Meeting
from initiatives.selectors import meeting_comparison, previous_meeting, slug_url_maker
from initiatives.status import ENDS
from initiatives.status import furthest as engine_furthest

from . import status as engine
from .content import (
    BriefingPack,
    ChangeItem,
    CountryNotes,
    Filters,
    InitiativeBrief,
    LastWords,
    MeetingRef,
    Update,
)
from .reads import (
    Said,
    held_days,
    mentions_before,
    partners_and_outcomes,
    updates_until,
    work_plans_due,
)

NOT_MENTIONED = "not mentioned"
CHANGED_KINDS = {"new", "returned", "advanced", "regressed", "silent"}


def eve_of(meeting: Meeting, today: date | None = None) -> date:
    """The last day whose record the pack reads: the day before the meeting, and never later
    than today (a planned meeting's pack reads the record as it is)."""
    today = today or timezone.localdate()
    if meeting.start_date is None:
        return today
    return min(meeting.start_date - timedelta(days=1), today)


def meeting_ref(meeting: Meeting) -> MeetingRef:
    return MeetingRef(
        slug=meeting.slug,
        name=meeting.short_name,
        title=str(meeting),
        when=meeting.when,
        start_date=meeting.start_date,
        is_planned=meeting.is_planned,
        venue=meeting.venue,
        url=meeting.get_absolute_url(),
    )


def filtered_initiatives(filters: Filters) -> QuerySet[Initiative]:
    queryset = Initiative.objects.all()
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.outcomes:
        queryset = queryset.filter(outcomes__code__in=filters.outcomes)
    if filters.partner:
        queryset = queryset.filter(
            Q(partner_roles__partner__slug=filters.partner)
            | Q(work_plan_partner__slug=filters.partner)
            | Q(lead_body__slug=filters.partner)
        )
    if filters.lead_body:
        queryset = queryset.filter(lead_body__slug=filters.lead_body)
    if filters.outcomes or filters.partner:
        queryset = queryset.distinct()
    return queryset


def briefing_pack(
    meeting: Meeting, filters: Filters | None = None, *, today: date | None = None
) -> BriefingPack:
    filters = filters or Filters()
    today = today or timezone.localdate()
    as_on = eve_of(meeting, today)
    last = previous_meeting(meeting)
    if (
        last is not None
        and meeting.start_date
        and last.start_date
        and last.start_date >= (meeting.start_date)
    ):
        last = None
    past = meeting.start_date is not None and meeting.start_date <= today

    candidates = filtered_initiatives(filters).select_related("lead_body")
    initiatives = {i.pk: i for i in candidates.order_by("name")}
    ids = list(initiatives)

    said = mentions_before(ids, as_on)
    updates, notes = updates_until(ids, as_on, since=last.start_date if last else None)
    holding = engine.holdings_on_eve(ids, meeting, as_on)
    series_days = held_days(meeting.series, as_on)
    partners, outcomes, partner_section = partners_and_outcomes(ids)

    change_of, changes = _changes(last, initiatives)

    initiative_url = slug_url_maker("initiatives:detail")
    meeting_url = slug_url_maker("initiatives:meeting_detail")
    briefs: list[InitiativeBrief] = []
    for pk, initiative in initiatives.items():
        mentions = said.get(pk, [])
        own_updates = updates.get(pk, [])
        status, since = holding.get(pk, ("", None))
        if not mentions and not own_updates and not status:
            continue  # nothing known of it before the eve
        at_last = last is not None and any(m.meeting_id == last.pk for m in mentions)
        if status in ENDS and not at_last and not own_updates:
            continue  # ended before the last meeting, and nothing since
        change = change_of.get(pk, "")
        if filters.only_changed and not (
            change in CHANGED_KINDS
            or own_updates
            or (since is not None and last is not None and since >= last.start_date)
        ):
            continue
        expected_text, expected_date, due = _expectation(
            initiative, mentions, status, meeting, as_on, past=past
        )
        briefs.append(
            InitiativeBrief(
                slug=initiative.slug,
                name=initiative.name,
                acronym=initiative.acronym,
                kind=initiative.kind,
                url=initiative_url(initiative.slug),
                lead_body=initiative.lead_body.label if initiative.lead_body else "",
                partners=partners.get(pk, []),
                outcomes=outcomes.get(pk, []),
                status=status,
                status_label=engine.label(status),
                status_since=since,
                last_words=_last_words(initiative, mentions, meeting_url),
                updates=own_updates,
                expected_text=expected_text,
                expected_date=expected_date,
                due=due,
                silent_meetings=_silence(status, mentions, series_days),
                change=change,
                section="partners"
                if initiative.work_plan_partner_id or pk in partner_section
                else "own",
            )
        )

    return BriefingPack(
        meeting=meeting_ref(meeting),
        last_meeting=meeting_ref(last) if last else None,
        as_on=as_on,
        generated_at=timezone.now().replace(microsecond=0),
        filters=filters,
        changes=changes,
        initiatives=briefs,
        countries=_country_notes(notes, briefs),
        work_plans=work_plans_due(meeting, as_on, filters),
    )


def _changes(last: Meeting | None, in_scope: dict) -> tuple[dict[int, str], list[ChangeItem]]:
    """(initiative id -> its kind of change at the last meeting, the changes the pack lists):
    the tracker's own comparison of the last meeting with the one before it."""
    comparison = meeting_comparison(last) if last is not None else None
    change_of: dict[int, str] = {}
    changes: list[ChangeItem] = []
    if comparison is not None:
        for key, group in comparison.groups.items():
            kind = str(key)
            for change in group:
                pk = change.initiative.pk
                if pk not in in_scope:
                    continue
                change_of[pk] = kind
                if kind in CHANGED_KINDS:
                    changes.append(
                        ChangeItem(
                            slug=change.initiative.slug,
                            name=change.initiative.label,
                            url=change.initiative.url,
                            kind=kind,
                            before=NOT_MENTIONED if change.before is None else change.before_label,
                            after=NOT_MENTIONED if kind == "silent" else change.after_label,
                        )
                    )
    order = {"new": 0, "returned": 1, "advanced": 2, "regressed": 3, "silent": 4}
    changes.sort(key=lambda c: (order[c.kind], c.name.casefold()))
    return change_of, changes


def _country_notes(notes: list[Update], briefs: list[InitiativeBrief]) -> list[CountryNotes]:
    """The member states' notes on the initiatives in the pack, by member state."""
    in_pack = {b.slug for b in briefs}
    by_state: dict[str, list[Update]] = defaultdict(list)
    for note in notes:
        if note.initiative_slug in in_pack:
            by_state[note.member_state].append(note)
    return [CountryNotes(state, by_state[state]) for state in sorted(by_state)]


# ---------------------------------------------------------------------------------------------
# Per initiative
# ---------------------------------------------------------------------------------------------
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def quotation(paragraph: str, matched: str, names: list[str]) -> str:
    """The sentences of a paragraph that name the initiative (the whole paragraph if none do)."""
    sentences = _SENTENCE.split(paragraph.strip())
    needles = [n.casefold() for n in [matched, *names] if n]
    chosen = [s for s in sentences if any(n in s.casefold() for n in needles)]
    return " ".join(chosen) if chosen else paragraph.strip()


def _last_words(
    initiative: Initiative, mentions: list[Said], meeting_url: Callable[[str], str]
) -> LastWords | None:
    if not mentions:
        return None
    latest_day = mentions[-1].on
    latest_id = mentions[-1].meeting_id
    at_last = [m for m in mentions if m.on == latest_day and m.meeting_id == latest_id]
    quoted = [m for m in at_last if m.paragraph is not None]
    pool = quoted or at_last
    furthest = engine_furthest(m.status for m in pool)  # "" when none said a status
    best = next(m for m in pool if m.status == furthest)  # the first paragraph saying it
    base = settings.SITE_URL.rstrip("/")
    if best.paragraph is not None:
        link = f"{base}{meeting_url(best.meeting_slug)}#p{best.paragraph}"
        text = quotation(best.paragraph_text or "", best.matched_text, initiative.names())
        evidence = EvidenceKind.STATEMENT
    else:
        link = best.source_url
        text = ""
        evidence = best.evidence if best.evidence != EvidenceKind.STATEMENT else "report"
    return LastWords(
        meeting=best.meeting,
        meeting_date=best.on,
        evidence=str(evidence),
        phrase=best.phrase,
        status=best.status,
        quotation=text,
        paragraph=best.paragraph,
        link=link,
        source_url=best.source_url,
        publisher=best.publisher,
        confidence=best.confidence,
    )


def _expectation(
    initiative: Initiative,
    mentions: list[Said],
    status: str,
    meeting: Meeting,
    as_on: date,
    *,
    past: bool,
) -> tuple[str, date | None, str]:
    """(the next step expected, its date, "overdue" / "due" / ""): for a coming meeting what the
    record holds now; for a past one, the latest expectation said before it."""
    if not past:
        on, precision = initiative.expected_date, initiative.expected_precision
        text, expected_status = initiative.expected_text, initiative.expected_status
    else:
        said = next((m for m in reversed(mentions) if m.expected_date), None)
        if said is None:
            return "", None, ""
        on, precision, text = said.expected_date, said.expected_precision, said.expected_text
        expected_status = said.status
    if on is None:
        return "", None, ""
    due = engine.due(
        expected_on=on,
        precision=precision,
        expected_status=expected_status,
        held=status,
        meeting=meeting,
        as_on=as_on,
    )
    return engine.expected_label(on, precision, text), on, due


def _silence(status: str, mentions: list[Said], series_days: list[date]) -> int:
    """Meetings of the series without a word since the last mention, counting the coming one;
    0 when it was mentioned at the last meeting or has ended (silence is then expected)."""
    if not mentions or status in ENDS:
        return 0
    last_said = mentions[-1].on
    missed = sum(1 for day in series_days if day > last_said)
    return missed + 1 if missed else 0
