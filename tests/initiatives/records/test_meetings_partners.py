"""Officers keep meetings and partners tidy; edits by two people at once are refused."""

from datetime import date

from django.urls import reverse

from initiatives.models import Meeting
from partners.models import Partner

from .conftest import edit_form_data

MEETING = {
    "series": "ADGMIN",
    "number": 3,
    "title": "3rd ADGMIN",
    "start_date": "2023-02-09",
    "end_date": "2023-02-10",
    "venue": "Boracay",
}


def test_an_officer_creates_a_planned_meeting(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:meeting_create"),
        {
            "series": "ADGMIN",
            "number": 5,
            "is_planned": "on",
            "start_date": "2025-01-16",
            "date_text": "January 2025",
            "venue": "Bangkok",
        },
    )
    meeting = Meeting.objects.get(number=5)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.slug == "adgmin-5" and meeting.is_planned and meeting.title == "5th ADGMIN"


def test_a_meeting_cannot_end_before_it_starts(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:meeting_create"),
        {"series": "ADGMIN", "number": 6, "start_date": "2025-02-10", "end_date": "2025-02-01"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(number=6).exists()


def test_moving_a_meeting_refreshes_the_status_of_what_it_mentions(client, officer, initiative):
    meeting = initiative.mentions.get().meeting
    client.force_login(officer)
    data = edit_form_data(meeting, **{**MEETING, "is_planned": "on"})
    assert (
        client.post(reverse("initiatives:meeting_edit", args=[meeting.slug]), data).status_code
        == 302
    )
    initiative.refresh_from_db()
    assert initiative.status == ""  # a planned meeting's words are not yet status evidence


def test_two_editors_of_one_meeting_the_later_is_refused(client, officer, admin_user, meeting):
    url = reverse("initiatives:meeting_edit", args=[meeting.slug])
    first = edit_form_data(meeting, **{**MEETING, "venue": "Boracay, Philippines"})
    second = edit_form_data(meeting, **{**MEETING, "theme": "Synergy"})
    client.force_login(officer)
    assert client.post(url, first).status_code == 302
    client.force_login(admin_user)
    response = client.post(url, second)
    assert response.status_code == 409
    assert "Boracay, Philippines" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.venue == "Boracay, Philippines" and meeting.theme == ""


def test_focal_points_cannot_edit_meetings(client, focal_sg, meeting):
    client.force_login(focal_sg)
    response = client.post(reverse("initiatives:meeting_edit", args=[meeting.slug]), MEETING)
    assert response.status_code == 403
    assert "change meetings" in response.content.decode()


def test_an_officer_creates_and_renames_a_partner(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("partners:create"),
        {"name": "Republic of Korea", "short_name": "ROK", "kind": "dialogue_partner"},
    )
    korea = Partner.objects.get(name="Republic of Korea")
    assert response.status_code == 302 and korea.slug == "rok"
    data = edit_form_data(korea, name="Korea", short_name="ROK", kind="dialogue_partner")
    assert client.post(reverse("partners:edit", args=[korea.slug]), data).status_code == 302
    korea.refresh_from_db()
    assert korea.name == "Korea" and "Republic of Korea" in korea.alias_list


def test_only_member_states_have_a_membership_date(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("partners:create"),
        {"name": "Japan", "kind": "dialogue_partner", "member_since": "2020-01-01"},
    )
    assert response.status_code == 200
    assert not Partner.objects.filter(name="Japan").exists()


def test_two_editors_of_one_partner_the_later_is_refused(client, officer, admin_user, malaysia):
    url = reverse("partners:edit", args=[malaysia.slug])
    base = {"name": "Malaysia", "kind": "member_state", "country_code": "MY"}
    first = edit_form_data(malaysia, **base, website="https://www.malaysia.gov.my")
    second = edit_form_data(malaysia, **base, description="Federation")
    client.force_login(officer)
    assert client.post(url, first).status_code == 302
    client.force_login(admin_user)
    response = client.post(url, second)
    assert response.status_code == 409
    malaysia.refresh_from_db()
    assert malaysia.description == "" and malaysia.website == "https://www.malaysia.gov.my"


def test_focal_points_cannot_create_partners(client, focal_my, db):
    client.force_login(focal_my)
    response = client.post(reverse("partners:create"), {"name": "X", "kind": "other"})
    assert response.status_code == 403
    assert not Partner.objects.filter(name="X").exists()


def test_meeting_dates_show_in_the_form_as_the_date_input_expects(client, officer, meeting):
    client.force_login(officer)
    page = client.get(reverse("initiatives:meeting_edit", args=[meeting.slug])).content.decode()
    assert f'value="{date(2023, 2, 9):%Y-%m-%d}"' in page
