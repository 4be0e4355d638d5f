"""Officers create and edit initiatives; two editors at once never overwrite each other."""

from django.urls import reverse

from initiatives.models import Initiative

from .conftest import edit_form_data

FIELDS = {"name": "Digital Economy Framework Agreement", "acronym": "DEFA", "kind": "agreement"}


def test_it_lets_an_officer_create_an_initiative(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:create"),
        {
            "name": "ASEAN Guide on AI Governance and Ethics",
            "acronym": "AI Guide",
            "kind": "guide",
            "period_start": 2024,
            "period_end": 2025,
        },
    )
    initiative = Initiative.objects.get(name="ASEAN Guide on AI Governance and Ethics")
    assert response.status_code == 302 and response.url == initiative.get_absolute_url()
    assert initiative.slug == "ai-guide" and initiative.kind == "guide"
    assert initiative.history.first().history_user == officer


def test_it_refuses_a_duplicate_name_with_the_form_again(client, officer, initiative):
    client.force_login(officer)
    response = client.post(reverse("initiatives:create"), {**FIELDS, "acronym": "X"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Initiative.objects.count() == 1


def test_it_refuses_a_period_that_ends_before_it_starts(client, officer, db):
    client.force_login(officer)
    response = client.post(
        reverse("initiatives:create"),
        {"name": "Backwards Plan", "kind": "other", "period_start": 2025, "period_end": 2021},
    )
    assert response.status_code == 200
    assert not Initiative.objects.filter(name="Backwards Plan").exists()


def test_it_never_gives_an_initiative_a_slug_that_hides_a_page(client, officer, db):
    client.force_login(officer)
    client.post(reverse("initiatives:create"), {"name": "New", "kind": "other"})
    initiative = Initiative.objects.get(name="New")
    assert initiative.slug not in {"new", "bulk-status"}
    assert client.get(initiative.get_absolute_url()).status_code == 200


def test_it_refuses_focal_points_with_a_clear_message(client, focal_my, initiative):
    client.force_login(focal_my)
    response = client.post(reverse("initiatives:edit", args=[initiative.slug]), {"name": "X"})
    assert response.status_code == 403
    assert "Only secretariat officers and admins can change initiatives" in (
        response.content.decode()
    )
    initiative.refresh_from_db()
    assert initiative.name == FIELDS["name"]


def test_it_sends_anonymous_visitors_to_the_login_page(client, initiative):
    response = client.get(reverse("initiatives:edit", args=[initiative.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_refuses_other_methods(client, officer, initiative):
    client.force_login(officer)
    assert client.put(reverse("initiatives:edit", args=[initiative.slug])).status_code == 405


def test_it_answers_404_for_an_unknown_initiative(client, officer, db):
    client.force_login(officer)
    assert client.get(reverse("initiatives:edit", args=["no-such-thing"])).status_code == 404


def test_it_saves_an_edit_and_keeps_the_old_name_as_an_alias(client, officer, initiative):
    client.force_login(officer)
    data = edit_form_data(initiative, **{**FIELDS, "name": "DEFA agreement"}, description="Talks.")
    response = client.post(reverse("initiatives:edit", args=[initiative.slug]), data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == "DEFA agreement"
    assert initiative.description == "Talks."
    assert "Digital Economy Framework Agreement" in initiative.alias_list
    assert initiative.version == 2


def test_the_later_of_two_concurrent_saves_is_refused_with_what_changed(
    client, officer, admin_user, initiative
):
    # Both open the form at version 1.
    client.force_login(officer)
    url = reverse("initiatives:edit", args=[initiative.slug])
    opened_by_officer = edit_form_data(initiative, **FIELDS, description="Officer's text")
    opened_by_admin = edit_form_data(initiative, **FIELDS, expected_text="early 2025")

    first = client.post(url, opened_by_officer)
    assert first.status_code == 302

    client.force_login(admin_user)
    second = client.post(url, opened_by_admin)
    assert second.status_code == 409
    page = second.content.decode()
    assert "Not saved" in page and "officer1" in page
    assert "Description" in page and "Officer&#x27;s text" in page
    initiative.refresh_from_db()
    assert initiative.description == "Officer's text"  # the first save stands
    assert initiative.expected_text == ""  # the refused one changed nothing

    # The refused form still holds the admin's value and now carries the saved version, so
    # saving again is a deliberate choice that goes through.
    # Fields only the officer changed now show the officer's value.
    form = second.context["form"]
    assert form.data["expected_text"] == "early 2025"
    assert form.data["description"] == "Officer's text"
    assert form.both_changed == []
    third = client.post(url, form.data)
    assert third.status_code == 302
    initiative.refresh_from_db()
    assert initiative.expected_text == "early 2025" and initiative.version == 3
    assert initiative.description == "Officer's text"  # not reverted by the second save


def test_a_field_both_editors_changed_keeps_the_later_editors_value_for_review(
    client, officer, admin_user, initiative
):
    url = reverse("initiatives:edit", args=[initiative.slug])
    by_officer = edit_form_data(initiative, **FIELDS, description="Officer's text")
    by_admin = edit_form_data(initiative, **FIELDS, description="Admin's text")
    client.force_login(officer)
    client.post(url, by_officer)
    client.force_login(admin_user)
    response = client.post(url, by_admin)
    assert response.status_code == 409
    assert response.context["form"].data["description"] == "Admin's text"
    assert "You both changed: Description" in response.content.decode()


def test_a_status_change_from_elsewhere_does_not_count_as_a_conflict(client, officer, initiative):
    from initiatives.services import progress_update_create

    client.force_login(officer)
    data = edit_form_data(initiative, **FIELDS, description="Edited")
    progress_update_create(
        initiative=initiative,
        user=officer,
        date=initiative.status_changed_on,
        status="adopted",
        summary="Signed.",
    )
    response = client.post(reverse("initiatives:edit", args=[initiative.slug]), data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.description == "Edited" and initiative.status == "adopted"


def test_an_initiative_cannot_become_the_parent_of_its_parent(client, officer, initiative):
    child = Initiative.objects.create(name="DEFA study", slug="defa-study", parent=initiative)
    client.force_login(officer)
    data = edit_form_data(initiative, **FIELDS, parent=child.pk)
    response = client.post(reverse("initiatives:edit", args=[initiative.slug]), data)
    assert response.status_code == 200
    assert "cannot sit under one of its own parts" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.parent is None
