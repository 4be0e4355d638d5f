"""The Atom feed of status changes and the iCalendar of meetings, behind login or a token."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from initiatives import services
from initiatives.feeds import ical_escape, ical_fold
from initiatives.models import Initiative, Meeting

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["/feeds/status-changes.atom", "/feeds/meetings.ics"]


@pytest.fixture
def token(officer):
    return Token.objects.create(user=officer).key


@pytest.mark.parametrize("url", FEEDS)
def test_it_refuses_a_feed_without_login_or_token(client, db, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("url", FEEDS)
def test_it_refuses_a_wrong_token(client, db, url):
    assert client.get(url + "?token=nope").status_code == 401


@pytest.mark.parametrize("url", FEEDS)
def test_it_serves_a_feed_with_a_token_in_the_address(client, demo, token, url):
    response = client.get(f"{url}?token={token}")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", FEEDS)
def test_it_serves_a_feed_with_a_token_header_or_a_session(client, demo, officer, token, url):
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    client.force_login(officer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", FEEDS)
def test_it_refuses_a_post_to_a_feed(client, demo, officer, url):
    client.force_login(officer)
    assert client.post(url).status_code == 405


def _entries(content: bytes) -> list[dict]:
    root = ET.fromstring(content)
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "id": e.findtext(f"{ATOM}id"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": e.findtext(f"{ATOM}updated"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]


def test_the_atom_feed_lists_status_changes_newest_first(client, demo, officer, token):
    """The feed reads the moves from the evidence: a progress update that moves DEFA is the
    newest change, titled with the status before and after."""
    defa = Initiative.objects.get(slug="defa")
    before = defa.status
    services.progress_update_create(
        initiative=defa, user=officer, date=date.today(), summary="Signed", status="adopted"
    )
    response = client.get(f"/feeds/status-changes.atom?token={token}")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    before_label = before.capitalize() if before else "No status said"
    assert entries[0]["title"] == (
        f"Digital Economy Framework Agreement (DEFA): {before_label} → Adopted"
    )
    assert entries[0]["link"].endswith("/initiatives/defa/")
    assert len({e["id"] for e in entries}) == len(entries)
    updated = [e["updated"] for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_an_edit_that_keeps_the_status_is_not_a_change(client, demo, officer, token):
    count = len(_entries(client.get(f"/feeds/status-changes.atom?token={token}").content))
    defa = Initiative.objects.get(slug="defa")
    services.initiative_update(
        initiative=defa,
        user=officer,
        expected_version=defa.version,
        seen_history_id=None,
        description="Only the description changes",
    )
    after = _entries(client.get(f"/feeds/status-changes.atom?token={token}").content)
    assert len(after) == count


def test_the_feed_can_follow_one_initiative(client, demo, token):
    entries = _entries(
        client.get(f"/feeds/status-changes.atom?token={token}&initiative=adm-2025").content
    )
    assert entries
    assert all(e["link"].endswith("/initiatives/adm-2025/") for e in entries)


def test_the_atom_feed_costs_the_same_whatever_its_length(client, demo, officer, token):
    url = f"/feeds/status-changes.atom?token={token}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for initiative in Initiative.objects.all()[:10]:
        services.progress_update_create(
            initiative=initiative,
            user=officer,
            date=date(2025, 2, 1),
            summary="x",
            status="stalled",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# ------------------------------------------------------------------------------
# iCalendar
# ------------------------------------------------------------------------------
def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_calendar_is_rfc_5545_text(client, demo, token):
    response = client.get(f"/feeds/meetings.ics?token={token}")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content.decode("utf-8")
    assert raw.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")  # every line ends in CRLF
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    events = raw.count("BEGIN:VEVENT")
    assert (
        events
        == Meeting.objects.filter(start_date__isnull=False).count()
        == raw.count("END:VEVENT")
    )
    for name in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:"):
        assert sum(line.startswith(name) for line in lines) == events, name
    assert len({line for line in lines if line.startswith("UID:")}) == events


def test_the_calendar_marks_planned_meetings_tentative_and_ends_after_the_last_day(
    client, demo, token
):
    lines = _unfold(client.get(f"/feeds/meetings.ics?token={token}").content.decode())
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
        elif current is not None and ":" in line:
            key, _, value = line.partition(":")
            current[key] = value
    third = next(e for e in events if e["SUMMARY"].startswith("3rd ASEAN Digital Ministers"))
    assert (third["DTSTART;VALUE=DATE"], third["DTEND;VALUE=DATE"]) == ("20230209", "20230211")
    assert third["STATUS"] == "CONFIRMED"
    planned = Meeting.objects.get(series="ADGMIN", number=7)
    seventh = next(e for e in events if e["UID"].startswith(f"meeting-{planned.pk}@"))
    assert seventh["STATUS"] == "TENTATIVE"
    assert "January 2027" in seventh["DESCRIPTION"]
    first = Meeting.objects.get(series="ADGMIN", number=1)
    location = next(e for e in events if e["UID"].startswith(f"meeting-{first.pk}@"))["LOCATION"]
    assert location == ical_escape(first.venue) and "\\," in location


def test_text_is_escaped_and_long_lines_fold_between_characters():
    assert ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    folded = ical_fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line
