"""Feeds for feed readers and calendars: an Atom feed of status changes, an iCalendar of meetings.

Both sit behind login. A feed reader cannot log in, so both also accept the user's API token
(see /exchange/api/), either as `Authorization: Token <key>` or in the address as `?token=<key>`.
A token in an address can end up in logs and bookmarks: treat such an address like a password,
and make a new token on that page if one leaks (the old one stops working at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from tracker.security import EARLIEST_DATE, LATEST_DATE

from . import status as engine
from .models import Initiative, Meeting
from .selectors.evidence import evidence_by_initiative, meeting_keys

FEED_LENGTH = 50


# ------------------------------------------------------------------------------
# Authentication: a session, or a DRF token in the header or the query string
# ------------------------------------------------------------------------------
def _token_user(request: HttpRequest):
    key = request.GET.get("token", "")
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not key and header.startswith("Token "):
        key = header.removeprefix("Token ").strip()
    if not key:
        return None
    try:
        user, _ = TokenAuthentication().authenticate_credentials(key)
    except exceptions.AuthenticationFailed:
        return None
    return user


def login_or_token(view):
    """Let a signed-in user or a valid token through; answer 401 otherwise (feeds get no form)."""

    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            user = _token_user(request)
            if user is None:
                response = HttpResponse(
                    "Sign in, or add ?token=<your API token> to the feed address.\n",
                    status=401,
                    content_type="text/plain; charset=utf-8",
                )
                response["WWW-Authenticate"] = 'Token realm="ADGMIN Tracker feeds"'
                return response
            request.user = user
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"
        return response

    return wrapper


# ------------------------------------------------------------------------------
# Atom: changes of an initiative's status, read from the evidence by the status engine
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatusChange:
    initiative: Initiative
    on: date
    previous_status: str  # "" for the first status ever said
    status: str
    source: str  # what moved it: "the 4th ADGMIN", "a progress update"


def status_changes(*, initiative: Initiative | None = None, limit: int = FEED_LENGTH) -> list:
    """The latest changes of status, newest first, as the status engine reads the evidence:
    the same moves as the timelines, the matrix and the comparisons show.

    An initiative's latest change is the day its current status began (status_changed_on), so
    the latest `limit` changes all belong to the `limit` initiatives that changed last.
    """
    candidates = Initiative.objects.exclude(status_changed_on__isnull=True)
    if initiative is not None:
        candidates = candidates.filter(pk=initiative.pk)
    candidates = list(candidates.order_by("-status_changed_on", "name")[:limit])
    keys = meeting_keys()
    names = {m.pk: m.short_name for m in Meeting.objects.only("series", "number")}
    evidence = evidence_by_initiative([i.pk for i in candidates], meetings=keys)
    changes = []
    for item in candidates:
        for moment, before, after in engine.transitions(evidence.get(item.pk, [])):
            if moment.meetings:
                source = "the " + " and the ".join(names[m.id] for m in moment.meetings)
            else:
                source = "a progress update"
            changes.append(StatusChange(item, moment.on, before, after, source))
    changes.sort(key=lambda c: (c.on, c.initiative.name), reverse=True)
    return changes[:limit]


class StatusChangesFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Each time an initiative's status moved: adopted, implementing, completed ..."

    def get_object(self, request, *args, **kwargs):
        slug = request.GET.get("initiative", "")
        return Initiative.objects.filter(slug=slug).first() if slug else None

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("initiatives:list")

    def title(self, obj):
        base = "ADGMIN Tracker: status changes"
        return f"{base} of {obj.label}" if obj else base

    def items(self, obj):
        return status_changes(initiative=obj)

    def item_title(self, item) -> str:
        name = item.initiative.label
        if not item.previous_status:
            return f"{name}: {engine.status_label(item.status)}"
        before, after = engine.status_label(item.previous_status), engine.status_label(item.status)
        return f"{name}: {before} → {after}"

    def item_description(self, item) -> str:
        return (
            f"The status of {item.initiative.name} became "
            f"{engine.status_label(item.status).lower()} on {item.on:%d %B %Y}, "
            f"from {item.source}."
        )

    def item_link(self, item) -> str:
        return item.initiative.get_absolute_url()

    def item_guid(self, item) -> str:
        return f"adgmin-tracker:status-change:{item.initiative.pk}:{item.on}:{item.status}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.combine(item.on, time(), tzinfo=UTC)

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, item) -> str:
        return item.source


status_feed = require_GET(login_or_token(StatusChangesFeed()))


# ------------------------------------------------------------------------------
# iCalendar (RFC 5545): every meeting with a date, planned ones marked tentative
# ------------------------------------------------------------------------------
def ical_escape(text: str) -> str:
    """TEXT value escaping of RFC 5545 section 3.3.11."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def ical_fold(line: str) -> str:
    """Fold a content line into 75-octet pieces (section 3.1), never splitting a character."""
    pieces, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event(meeting: Meeting, *, base_url: str, host: str) -> list[str]:
    end = meeting.end_date or meeting.start_date
    url = base_url + meeting.get_absolute_url()
    details = [meeting.theme and f"Theme: {meeting.theme}"]
    if meeting.is_planned:
        details.append("Planned meeting" + (f": {meeting.date_text}" if meeting.date_text else ""))
    if meeting.chair_name:
        details.append(f"Chair: {meeting.chair_name}")
    details.append(url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(meeting.updated_at)}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        f"DTSTART;VALUE=DATE:{meeting.start_date:%Y%m%d}",
        # All-day events end on the day after the last one (the end is exclusive).
        f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ical_escape(str(meeting))}",
        f"STATUS:{'TENTATIVE' if meeting.is_planned else 'CONFIRMED'}",
        "TRANSP:TRANSPARENT",
        f"CATEGORIES:{ical_escape(meeting.series)}",
        f"URL:{url}",
        f"DESCRIPTION:{ical_escape(chr(10).join(d for d in details if d))}",
    ]
    if meeting.venue:
        lines.append(f"LOCATION:{ical_escape(meeting.venue)}")
    lines.append("END:VEVENT")
    return lines


def meetings_calendar(*, base_url: str, host: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ADGMIN Tracker//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ADGMIN meetings",
    ]
    # A date outside the tracker's range (refused on entry; perhaps stored before that check)
    # would overflow the exclusive end date: such a meeting is left out rather than break the feed.
    meetings = (
        Meeting.objects.filter(start_date__range=(EARLIEST_DATE, LATEST_DATE))
        .exclude(end_date__gt=LATEST_DATE)
        .order_by("start_date", "pk")
    )
    for meeting in meetings:
        lines += meeting_event(meeting, base_url=base_url, host=host)
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)


@require_GET
@login_or_token
def meetings_ical(request):
    body = meetings_calendar(
        base_url=request.build_absolute_uri("/")[:-1], host=request.get_host().split(":")[0]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="adgmin-meetings.ics"'
    return response
