"""History of each record (who, when, before and after) and the status as of a date."""

from datetime import date

from bs4 import BeautifulSoup
from django.urls import reverse

from initiatives import services
from initiatives.as_of import statuses_as_of
from initiatives.models import Initiative, Meeting, Mention

from .conftest import edit_form_data


def test_the_history_page_shows_who_changed_what_before_and_after(client, officer, initiative):
    client.force_login(officer)
    data = edit_form_data(
        initiative, name=initiative.name, acronym="DEFA", kind="agreement", expected_text="2025"
    )
    client.post(reverse("initiatives:edit", args=[initiative.slug]), data)
    page = BeautifulSoup(
        client.get(reverse("initiatives:history", args=[initiative.slug])).content, "html.parser"
    )
    newest = page.select("table.history tbody tr")[0]
    cells = [td.get_text(" ", strip=True) for td in newest.select("td")]
    assert cells[1] == "officer1" and cells[2] == "Changed"
    assert "Kind Other → Agreement" in cells[3]
    assert "Expected text — → 2025" in cells[3]


def test_history_names_related_records_not_ids(client, officer, initiative, malaysia):
    client.force_login(officer)
    data = edit_form_data(
        initiative, name=initiative.name, acronym="DEFA", kind="other", lead_body=malaysia.pk
    )
    client.post(reverse("initiatives:edit", args=[initiative.slug]), data)
    page = client.get(reverse("initiatives:history", args=[initiative.slug])).content.decode()
    assert "Lead body" in page and "Malaysia" in page


def test_a_notes_history_is_readable_by_every_role(client, focal_sg, focal_my, note_my):
    services.progress_update_withdraw(update=note_my, user=focal_my, reason="duplicate")
    client.force_login(focal_sg)
    response = client.get(reverse("initiatives:update_history", args=[note_my.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "focal_my" in page and "duplicate" in page and "Withdrawn at" in page


def test_history_of_an_unknown_record_is_404(client, officer, db):
    client.force_login(officer)
    assert client.get(reverse("initiatives:update_history", args=[424242])).status_code == 404
    assert client.get(reverse("partners:history", args=["nowhere"])).status_code == 404


class TestAsOf:
    def setup_world(self, officer):
        first = Meeting.objects.create(
            series="ADGMIN", number=1, slug="adgmin-1", start_date=date(2021, 1, 22)
        )
        second = Meeting.objects.create(
            series="ADGMIN", number=2, slug="adgmin-2", start_date=date(2022, 1, 28)
        )
        adm = Initiative.objects.create(name="ASEAN Digital Masterplan 2025", slug="adm")
        later = Initiative.objects.create(name="Later Framework", slug="later")
        Mention.objects.create(meeting=first, initiative=adm, status="adopted")
        Mention.objects.create(meeting=second, initiative=adm, status="implementing")
        Mention.objects.create(meeting=second, initiative=later, status="proposed")
        services.progress_update_create(
            initiative=adm,
            user=officer,
            date=date(2023, 5, 1),
            status="completed",
            summary="Target met.",
        )
        return first, second, adm, later

    def test_it_rebuilds_each_status_as_it_stood(self, officer):
        first, second, adm, later = self.setup_world(officer)
        at_first = {row.initiative.pk: row.status for row in statuses_as_of(first.start_date)}
        assert at_first == {adm.pk: "adopted", later.pk: ""}
        at_second = {row.initiative.pk: row.status for row in statuses_as_of(second.start_date)}
        assert at_second == {adm.pk: "implementing", later.pk: "proposed"}
        today = {row.initiative.pk: row.status for row in statuses_as_of(date.today())}
        assert today[adm.pk] == "completed"

    def test_withdrawn_updates_and_country_notes_do_not_count(self, officer, malaysia):
        first, second, adm, later = self.setup_world(officer)
        update = adm.progress_updates.get()
        services.progress_update_withdraw(update=update, user=officer)
        services.country_note_create(
            initiative=later,
            user=officer,
            member_state=malaysia,
            date=date(2023, 6, 1),
            summary="Malaysia's view.",
        )
        today = {row.initiative.pk: row.status for row in statuses_as_of(date.today())}
        assert today == {adm.pk: "implementing", later.pk: "proposed"}

    def test_the_page_shows_the_status_at_a_chosen_meeting(self, client, focal_my, officer):
        first, second, adm, later = self.setup_world(officer)
        client.force_login(focal_my)
        response = client.get(reverse("initiatives:as_of"), {"meeting": "adgmin-1"})
        assert response.status_code == 200
        rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
        assert len(rows) == 1  # the later framework had no status yet
        text = rows[0].get_text(" ", strip=True)
        assert "ASEAN Digital Masterplan 2025" in text and "Adopted" in text
        assert "Completed" in text and "advanced since" in text

    def test_a_bad_date_is_an_error_not_a_crash(self, client, officer, db):
        client.force_login(officer)
        response = client.get(reverse("initiatives:as_of"), {"date": "2023-13-45"})
        assert response.status_code == 200
        assert "Enter a valid date" in response.content.decode()
