"""Progress updates by officers and country notes by focal points."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from initiatives import services
from initiatives.models import ProgressUpdate

from .conftest import edit_form_data


def record(client, initiative, **data):
    return client.post(reverse("initiatives:progress_create", args=[initiative.slug]), data)


def test_an_officer_records_a_status_change_with_its_reason(client, officer, initiative):
    client.force_login(officer)
    response = record(
        client,
        initiative,
        date="2024-05-02",
        status="adopted",
        percent_complete=100,
        summary="DEFA negotiations concluded and signed.",
        evidence_url="https://asean.org/defa-signed",
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(initiative=initiative)
    assert (update.status, update.author, update.member_state) == ("adopted", officer, None)
    assert update.evidence_url == "https://asean.org/defa-signed"
    initiative.refresh_from_db()
    assert initiative.status == "adopted"
    assert initiative.status_changed_on == date(2024, 5, 2)


def test_a_status_change_without_a_reason_is_refused(client, officer, initiative):
    client.force_login(officer)
    response = record(client, initiative, date="2024-05-02", status="stalled", summary="  ")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "preparing"


def test_a_summary_of_nothing_but_markup_is_no_reason(officer, initiative):
    with pytest.raises(ValidationError) as refusal:
        services.progress_update_create(
            initiative=initiative,
            user=officer,
            date=date(2024, 5, 2),
            status="stalled",
            summary="<script>alert(1)</script>",
        )
    assert "summary" in refusal.value.error_dict
    assert not ProgressUpdate.objects.exists()


def test_progress_cannot_be_dated_in_the_future(client, officer, initiative):
    client.force_login(officer)
    tomorrow = date.today() + timedelta(days=2)
    response = record(client, initiative, date=tomorrow.isoformat(), summary="Soon.")
    assert response.status_code == 200
    assert "future date" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_percent_complete_stays_between_0_and_100(client, officer, initiative):
    client.force_login(officer)
    response = record(client, initiative, date="2024-05-02", percent_complete=140, summary="x")
    assert response.status_code == 200
    assert not ProgressUpdate.objects.exists()


def test_the_summary_is_sanitised(client, officer, initiative):
    client.force_login(officer)
    record(
        client,
        initiative,
        date="2024-05-02",
        summary='<p onclick="x()">Signed <strong>today</strong><script>steal()</script>'
        '<a href="javascript:alert(1)">link</a></p>',
    )
    summary = ProgressUpdate.objects.get().summary
    assert "<strong>today</strong>" in summary
    assert "script" not in summary and "onclick" not in summary and "javascript" not in summary


def test_focal_points_cannot_record_official_progress(client, focal_my, initiative):
    client.force_login(focal_my)
    response = record(client, initiative, date="2024-05-02", status="completed", summary="Done")
    assert response.status_code == 403
    assert "notes for their own member state" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "preparing" and not ProgressUpdate.objects.exists()


class TestCountryNotes:
    def test_a_focal_point_adds_a_note_for_their_own_state(self, client, focal_my, initiative):
        client.force_login(focal_my)
        response = client.post(
            reverse("initiatives:note_create", args=[initiative.slug]),
            {
                "date": "2024-05-02",
                "summary": "Malaysia ratified DEFA.",
                "percent_complete": 60,
                # A status and another state in the POST are ignored: the form has no such fields.
                "status": "completed",
                "member_state": "999",
            },
        )
        assert response.status_code == 302
        note = ProgressUpdate.objects.get()
        assert note.member_state.name == "Malaysia" and note.status == ""
        assert note.author == focal_my
        initiative.refresh_from_db()
        assert initiative.status == "preparing"  # notes never change the official status

    def test_a_note_never_carries_a_status(self, focal_my, malaysia, initiative):
        with pytest.raises(ValidationError):
            services.progress_update_create(
                initiative=initiative,
                user=focal_my,
                member_state=malaysia,
                date=date(2024, 5, 2),
                status="completed",
                summary="Done",
            )

    def test_a_focal_point_cannot_write_for_another_state(self, focal_sg, malaysia, initiative):
        with pytest.raises(PermissionDenied, match="belongs to Malaysia"):
            services.country_note_create(
                initiative=initiative,
                user=focal_sg,
                member_state=malaysia,
                date=date(2024, 5, 2),
                summary="Not mine to say.",
            )
        assert not ProgressUpdate.objects.exists()

    def test_an_officer_writes_a_note_for_a_chosen_state(
        self, client, officer, singapore, initiative
    ):
        client.force_login(officer)
        response = client.post(
            reverse("initiatives:note_create", args=[initiative.slug]),
            {"member_state": singapore.pk, "date": "2024-05-02", "summary": "SG consulted."},
        )
        assert response.status_code == 302
        assert ProgressUpdate.objects.get().member_state == singapore

    def test_a_focal_point_without_a_state_is_told_to_ask_an_admin(
        self, client, focal_my, initiative
    ):
        focal_my.profile.member_state = None
        focal_my.profile.save()
        client.force_login(focal_my)
        response = client.get(reverse("initiatives:note_create", args=[initiative.slug]))
        assert response.status_code == 403
        assert "not linked to a member state" in response.content.decode()

    def test_the_owner_edits_and_withdraws_their_note(self, client, focal_my, note_my):
        client.force_login(focal_my)
        data = edit_form_data(note_my, date="2024-03-01", summary="Consultations finished.")
        response = client.post(reverse("initiatives:update_edit", args=[note_my.pk]), data)
        assert response.status_code == 302
        note_my.refresh_from_db()
        assert note_my.summary == "Consultations finished." and note_my.version == 2

        response = client.post(
            reverse("initiatives:update_withdraw", args=[note_my.pk]), {"reason": "duplicate"}
        )
        assert response.status_code == 302
        note_my.refresh_from_db()
        assert note_my.withdrawn_at is not None
        assert note_my.history.first().history_change_reason == "duplicate"

    @pytest.mark.parametrize("action", ["update_edit", "update_withdraw"])
    def test_another_states_focal_point_cannot_edit_or_withdraw_it(
        self, client, focal_sg, note_my, action
    ):
        client.force_login(focal_sg)
        url = reverse(f"initiatives:{action}", args=[note_my.pk])
        for response in (client.get(url), client.post(url, edit_form_data(note_my, summary="x"))):
            assert response.status_code == 403
            page = response.content.decode()
            assert "This note belongs to Malaysia" in page and "(Singapore)" in page
        note_my.refresh_from_db()
        assert note_my.withdrawn_at is None and note_my.summary.startswith("Malaysia held")

    def test_a_focal_point_cannot_edit_an_official_update(self, client, focal_my, official_update):
        client.force_login(focal_my)
        response = client.get(reverse("initiatives:update_edit", args=[official_update.pk]))
        assert response.status_code == 403
        assert "never change an initiative" in response.content.decode()

    def test_a_withdrawn_note_can_no_longer_be_changed(self, client, focal_my, note_my):
        services.progress_update_withdraw(update=note_my, user=focal_my)
        client.force_login(focal_my)
        response = client.get(reverse("initiatives:update_edit", args=[note_my.pk]))
        assert response.status_code == 403
        assert "withdrawn" in response.content.decode()

    def test_withdrawing_is_a_post(self, client, focal_my, note_my):
        client.force_login(focal_my)
        page = client.get(reverse("initiatives:update_withdraw", args=[note_my.pk]))
        assert page.status_code == 200 and b"Withdraw" in page.content
        note_my.refresh_from_db()
        assert note_my.withdrawn_at is None


def test_withdrawing_an_official_update_restores_the_earlier_status(officer, initiative):
    update = services.progress_update_create(
        initiative=initiative,
        user=officer,
        date=date(2024, 5, 2),
        status="stalled",
        summary="No meeting for a year.",
    )
    initiative.refresh_from_db()
    assert initiative.status == "stalled"
    services.progress_update_withdraw(update=update, user=officer, reason="wrong initiative")
    initiative.refresh_from_db()
    assert initiative.status == "preparing"


def test_two_editors_of_one_note_the_second_is_refused(client, focal_my, officer, note_my):
    url = reverse("initiatives:update_edit", args=[note_my.pk])
    by_focal = edit_form_data(note_my, date="2024-03-01", summary="Focal point's version")
    by_officer = edit_form_data(note_my, date="2024-03-01", summary="Officer's version")
    client.force_login(focal_my)
    assert client.post(url, by_focal).status_code == 302
    client.force_login(officer)
    response = client.post(url, by_officer)
    assert response.status_code == 409
    assert "focal_my" in response.content.decode()
    note_my.refresh_from_db()
    assert note_my.summary == "Focal point's version"


def test_the_detail_page_shows_formatted_summaries_without_double_escaping(
    client, officer, initiative
):
    client.force_login(officer)
    record(client, initiative, date="2024-05-02", summary="R&D <strong>done</strong>\nNext: pilots")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "R&amp;D <strong>done</strong><br>Next: pilots" in page
    assert "&amp;amp;" not in page and "&lt;strong&gt;" not in page
