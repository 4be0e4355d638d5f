"""Reference stage: evidence. Reported outcomes become report-based mentions, timelines become
reported events and expectations, and a stored statement's quotations replace the reports.

What is written is evidence, never a status: the status engine derives each touched
initiative's status from it at the end (`refresh_statuses`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .. import services as tracking
from ..choices import STATUS_RANK, EvidenceKind, InitiativeKind, Status
from ..evidence import meeting_reports_reconcile
from ..models import Initiative, Meeting, Mention, ProgressUpdate
from .facts import FuzzyDate, InitiativeFacts, ReportedOutcome
from .loader import Loader
from .names import lower_confidence, publisher_of, weakest

FACILITY_KINDS = {
    InitiativeKind.CENTRE,
    InitiativeKind.NETWORK,
    InitiativeKind.INDEX,
    InitiativeKind.MECHANISM,
    InitiativeKind.PROGRAMME,
}
RUNNING = re.compile(r"\b(launched|operational|operating|in operation)\b", re.I)


class MentionsStage(Loader):
    def load_outcomes(self) -> None:
        for facts in self.record.meetings:
            adgmin = self.meetings[facts.number]
            grouped: dict[tuple[int, int], list[ReportedOutcome]] = defaultdict(list)
            initiatives: dict[int, Initiative] = {}
            for outcome in facts.outcomes:
                meeting = self.partner_meeting(adgmin, outcome) or adgmin
                for initiative in self.resolve(outcome.initiative):
                    self.work_plan_facts(initiative)
                    grouped[(meeting.pk, initiative.pk)].append(outcome)
                    initiatives[initiative.pk] = initiative
                    self.meetings_by_pk[meeting.pk] = meeting
            for (meeting_pk, initiative_pk), outcomes in grouped.items():
                self._mention(self.meetings_by_pk[meeting_pk], initiatives[initiative_pk], outcomes)

    def _status(self, outcome: ReportedOutcome, initiative: Initiative, meeting: Meeting) -> str:
        status = outcome.status
        if outcome.reference_status != "launched" or initiative.kind not in FACILITY_KINDS:
            return status
        # "Launched X" of a facility means it exists; if it already ran before this meeting,
        # what the meeting acknowledged is its operation.
        facts = self.facts_of.get(initiative.pk)
        for event in facts.timeline if facts else ():
            if RUNNING.search(event.event) and event.when.last < meeting.start_date:
                return Status.IMPLEMENTING
        return status

    def _mention(self, meeting: Meeting, initiative: Initiative, outcomes: list[ReportedOutcome]):
        statuses = [self._status(o, initiative, meeting) for o in outcomes]
        status = max(
            statuses,
            key=lambda s: (s in (Status.COMPLETED, Status.SUPERSEDED), STATUS_RANK.get(s, 0)),
        )
        confidences = [o.confidence for o in outcomes]
        notes = []
        for outcome in outcomes:
            if re.search(r"\b(differ|conflict|contradict)", outcome.action, re.I):
                notes.append(f"Reports differ: {outcome.action}.")
                confidences.append(lower_confidence(outcome.confidence))
            if outcome.source_note:
                notes.append(f"Source: {outcome.source_note}.")
        if len({s for s in statuses}) > 1:
            said = "; ".join(f"{o.action} ({o.reference_status})" for o in outcomes)
            notes.append(f"Reports differ on what was decided: {said}.")
            confidences.append(lower_confidence(weakest(confidences)))
        also = [u for o in outcomes for u in (o.source, *o.also) if u]
        source = next((o.source for o in outcomes if o.source), "")
        others = [u for u in dict.fromkeys(also) if u != source]
        if others:
            notes.append("Also reported by: " + " ".join(others))
        values = {
            "phrase": "; ".join(dict.fromkeys(o.action for o in outcomes))[:500],
            "matched_text": outcomes[0].initiative[:300],
            "status": status,
            "is_confirmed": True,
            "evidence": EvidenceKind.REPORT,
            "source_url": source[:500],
            "publisher": publisher_of(source)[:200],
            "confidence": weakest(confidences),
            "note": "\n".join(dict.fromkeys(notes)),
        }
        mention = Mention.objects.filter(
            meeting=meeting, initiative=initiative, paragraph__isnull=True
        ).first() or Mention(meeting=meeting, initiative=initiative)
        if mention.pk and mention.evidence != EvidenceKind.REPORT:
            self.report.skipped.append(
                f"{initiative.name} at the {meeting.short_name}: an officer's entry is kept"
            )
            return
        if self._save(
            mention,
            values,
            f"mention of {initiative.name} at the {meeting.short_name}",
            "report-based mentions",
        ):
            self.touched.add(initiative.pk)

    # -- timelines: what happened between meetings, and what is expected ---------------------

    def load_timelines(self) -> None:
        held = [m for m in self.meetings.values() if m.start_date]
        latest = max((m.start_date for m in held), default=None)
        for pk, facts in self.facts_of.items():
            initiative = Initiative.objects.get(pk=pk)
            for event in facts.timeline:
                if event.is_plan:
                    if latest and event.when.last > latest:
                        self._expectation(initiative, event.when, facts)
                    continue
                if any(_during(event.when, m) for m in held):
                    continue  # a meeting's outcome: its report-based mention tells it
                if event.when.precision == "year":
                    self.report.skipped.append(
                        f"{initiative.name}, {event.when.text}: {event.event} (no month or day)"
                    )
                    continue
                self._timeline_update(initiative, event.when, event.event, event.source)

    def _timeline_update(self, initiative: Initiative, when: FuzzyDate, event: str, url: str):
        summary = f"Reported ({when.text}): {event}."
        update = (
            ProgressUpdate.objects.filter(
                initiative=initiative,
                date=when.first,
                author__isnull=True,
                member_state__isnull=True,
            )
            .filter(**({"evidence_url": url} if url else {"summary": summary}))
            .first()
        ) or ProgressUpdate(initiative=initiative, date=when.first)
        if self._save(
            update,
            {"summary": summary, "evidence_url": url[:500]},
            f"reported event of {initiative.name} on {when.text}",
            "reported events",
        ):
            self.touched.add(initiative.pk)

    def _expectation(self, initiative: Initiative, when: FuzzyDate, facts: InitiativeFacts):
        said = (
            Mention.objects.filter(initiative=initiative, meeting__is_planned=False)
            .exclude(status="")
            .order_by("-meeting__start_date")
            .values_list("status", flat=True)
            .first()
        )
        values = {
            "expected_date": when.first,
            "expected_text": when.text,
            "expected_precision": when.precision,
            "expected_status": said or "",
        }
        if self._save(initiative, values, f"initiative {initiative.name}", "initiatives"):
            self.touched.add(initiative.pk)

    # -- statements already stored -----------------------------------------------------------

    def reconcile(self) -> None:
        for meeting in {m.pk: m for m in self.meetings_by_pk.values()}.values():
            outcome = meeting_reports_reconcile(meeting=meeting)
            if outcome.replaced:
                self.report.changed_field(
                    f"meeting {meeting.short_name}",
                    [f"{len(outcome.replaced)} reports replaced by the statement's quotations"],
                )
            if outcome.flagged:
                self.report.changed_field(
                    f"meeting {meeting.short_name}",
                    [f"{len(outcome.flagged)} reports the statement does not support flagged"],
                )
            self.touched |= outcome.initiative_ids

    def refresh_statuses(self) -> None:
        for initiative in Initiative.objects.filter(pk__in=self.touched):
            tracking.initiative_refresh_status(initiative=initiative)


def _during(when: FuzzyDate, meeting: Meeting) -> bool:
    end = meeting.end_date or meeting.start_date
    if when.precision == "day":
        return meeting.start_date <= when.first <= end
    if when.precision == "month":
        return (when.first.year, when.first.month) == (
            meeting.start_date.year,
            meeting.start_date.month,
        )
    return False
