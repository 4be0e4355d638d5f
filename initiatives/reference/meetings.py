"""Reference stage: the meetings of the series, the planned next one, and partners' meetings.

A meeting is found by series and number. When its own statement is stored, the statement wins:
reports only fill what it left blank.
"""

from __future__ import annotations

import re
from datetime import datetime

from tracker.text import ordinal

from .. import services as tracking
from ..choices import Confidence
from ..models import Meeting
from .facts import MeetingFacts, PlannedMeeting, ReportedOutcome
from .loader import Loader

SERIES = "ADGMIN"
# Dialogue partners' own digital ministers' meetings, as the report names them.
PARTNER_SERIES = {
    "Japan": "ADGMIN+Japan",
    "China": "ADGMIN+China",
    "Korea": "ADGMIN+Korea",
    "India": "ADGMIN+India",
    "US": "ADGMIN+US",
    "EU": "ADGMIN+EU",
}
PARTNER_MEETING = re.compile(
    r"(?P<n>\d+)(?:st|nd|rd|th) ASEAN-(?P<p>Japan|China|Korea|India|US|EU) Digital Ministers'? "
    r"Meeting \((?P<day>\d{1,2} [A-Z][a-z]{2} \d{4})"
)


def _stored(series: str, number: int) -> Meeting | None:
    return Meeting.objects.filter(series=series, number=number).first()


def _new_meeting(series: str, number: int) -> Meeting:
    """Unsaved: the stage's `_save` stores it with its values."""
    slug = tracking.unique_slug(Meeting, tracking.meeting_slug(series, number), max_length=80)
    return Meeting(series=series, number=number, slug=slug)


class MeetingsStage(Loader):
    def load_meetings(self) -> None:
        for facts in self.record.meetings:
            self.meetings[facts.number] = self._meeting(facts)
        if self.record.planned:
            self._planned(self.record.planned)

    def _meeting(self, facts: MeetingFacts) -> Meeting:
        meeting = _stored(SERIES, facts.number) or _new_meeting(SERIES, facts.number)
        chair, vice = facts.chair, facts.vice_chair
        notes = list(facts.notes)
        if facts.related_meetings:
            notes.append(f"Related meetings: {facts.related_meetings}.")
        if facts.theme_variants:
            notes.append("The theme is also reported as: " + "; ".join(facts.theme_variants) + ".")
        for who, person in (("chair", chair), ("vice-chair", vice)):
            if person and person.note:
                notes.append(f"The {who}: {person.note}.")
        if vice is None and facts.number:
            notes.append("No vice-chair is recorded in the sources.")
        first = facts.sources[0] if facts.sources else ""
        fact_sources = {}
        for fact, confidence in (
            ("dates", Confidence.HIGH if facts.dates.precision == "day" else Confidence.LOW),
            ("venue", Confidence.HIGH),
            ("chair", chair.confidence if chair else ""),
            ("vice_chair", vice.confidence if vice else ""),
            ("theme", facts.theme_confidence or Confidence.HIGH if facts.theme else ""),
            ("declaration", Confidence.HIGH if facts.declaration else ""),
        ):
            if confidence and first:
                fact_sources[fact] = [{"url": first, "confidence": str(confidence)}]
        date_text = ""
        if facts.dates.precision != "day":
            date_text = facts.dates.text + (f" ({facts.date_note})" if facts.date_note else "")
        values = {
            "title": f"{ordinal(facts.number)} ASEAN Digital Ministers' Meeting",
            "is_planned": False,
            "start_date": facts.dates.first,
            "end_date": facts.dates.last if facts.dates.precision == "day" else None,
            "date_text": date_text[:100],
            "venue": facts.place[:300],
            "host": self.partner(facts.host_country),
            "chair_name": chair.name if chair else "",
            "chair_title": (chair.title if chair else "")[:300],
            "chair_country": self.partner(chair.country) if chair else None,
            "vice_chair_name": vice.name if vice else "",
            "vice_chair_title": (vice.title if vice else "")[:300],
            "vice_chair_country": self.partner(vice.country) if vice else None,
            "theme": facts.theme[:300],
            "declaration": facts.declaration[:300],
            "sources": "\n".join(facts.sources),
            "fact_sources": fact_sources,
            "notes": "\n".join(notes),
        }
        if meeting.pk and meeting.statements.exists():
            # The meeting's own statement is better evidence than reports of it: reports only
            # fill what it left blank, and add their sources.
            values = {
                name: value
                for name, value in values.items()
                if getattr(meeting, name) in ("", None, {}) or name == "fact_sources"
            }
            values["fact_sources"] = {**fact_sources, **(meeting.fact_sources or {})}
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")
        return meeting

    def _planned(self, planned: PlannedMeeting) -> None:
        meeting = _stored(SERIES, planned.number)
        if meeting is not None and not meeting.is_planned:
            return  # already held: what happened wins over what was announced
        meeting = meeting or _new_meeting(SERIES, planned.number)
        host = self.partner(planned.country)
        announced = self.meetings.get(planned.announced_at)
        source = announced.source_list[0] if announced and announced.source_list else ""
        values = {
            "title": f"{ordinal(planned.number)} ASEAN Digital Ministers' Meeting",
            "is_planned": True,
            "start_date": planned.dates.first,
            "end_date": None,
            "date_text": planned.dates.text,
            "venue": f"{planned.city}, {host.name if host else planned.country}",
            "host": host,
            "sources": source,
            "fact_sources": {"dates": [{"url": source, "confidence": "medium"}]} if source else {},
            "notes": f"Announced at the {ordinal(planned.announced_at)} ADGMIN (as reported).",
        }
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")

    def partner_meeting(self, adgmin: Meeting, outcome: ReportedOutcome) -> Meeting | None:
        """The dialogue partner's own ministers' meeting the report names, held with the ADGMIN."""
        match = PARTNER_MEETING.search(f"{outcome.initiative} {outcome.action}")
        if match is None:
            for word, series in PARTNER_SERIES.items():
                if outcome.initiative.startswith(f"ASEAN-{word} Digital Ministers"):
                    return self.partner_meetings[adgmin.number].get(series)
            return None
        series, number = PARTNER_SERIES[match["p"]], int(match["n"])
        held = datetime.strptime(match["day"], "%d %b %Y").date()
        meeting = _stored(series, number) or _new_meeting(series, number)
        values = {
            "title": f"{ordinal(number)} ASEAN-{match['p']} Digital Ministers' Meeting",
            "is_planned": False,
            "start_date": held,
            "end_date": held,
            "venue": adgmin.venue,
            "host": adgmin.host,
            "sources": outcome.source,
            "fact_sources": {"dates": [{"url": outcome.source, "confidence": outcome.confidence}]}
            if outcome.source
            else {},
            "notes": f"Held with the {adgmin.short_name} (as reported).",
        }
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")
        self.partner_meetings[adgmin.number][series] = meeting
        return meeting
