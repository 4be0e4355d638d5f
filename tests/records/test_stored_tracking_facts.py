"""Initiative.last_update_on follows its officer progress updates, however they are written."""

from datetime import date

from initiatives import services
from initiatives.models import Initiative, ProgressUpdate


def stored(initiative: Initiative):
    return Initiative.objects.values_list("last_update_on", flat=True).get(pk=initiative.pk)


def test_it_is_empty_until_an_officer_records_an_update(initiative):
    assert stored(initiative) is None


def test_it_follows_the_latest_officer_update_through_the_services(initiative, officer):
    first = services.progress_update_create(
        initiative=initiative, user=officer, date=date(2024, 1, 10), summary="Round 3."
    )
    assert stored(initiative) == date(2024, 1, 10)
    later = services.progress_update_create(
        initiative=initiative, user=officer, date=date(2024, 5, 2), summary="Round 4."
    )
    assert stored(initiative) == date(2024, 5, 2)
    services.progress_update_withdraw(update=later, user=officer, reason="entered twice")
    assert stored(initiative) == date(2024, 1, 10)
    first.refresh_from_db()
    services.progress_update_edit(
        update=first,
        user=officer,
        expected_version=first.version,
        seen_history_id=None,
        date=date(2024, 2, 1),
    )
    assert stored(initiative) == date(2024, 2, 1)


def test_country_notes_never_count(note_my):
    assert stored(note_my.initiative) is None


def test_a_save_or_delete_outside_the_services_keeps_it_too(official_update):
    initiative = official_update.initiative
    assert stored(initiative) == date(2024, 1, 10)
    official_update.date = date(2024, 4, 4)
    official_update.save()
    assert stored(initiative) == date(2024, 4, 4)
    ProgressUpdate.objects.filter(pk=official_update.pk).get().delete()
    assert stored(initiative) is None


def test_keeping_it_adds_no_history_row_to_the_initiative(initiative, officer):
    history_rows = initiative.history.count()
    services.progress_update_create(
        initiative=initiative, user=officer, date=date(2024, 1, 10), summary="Round 3."
    )
    assert stored(initiative) == date(2024, 1, 10)
    assert initiative.history.count() == history_rows
    assert "last_update_on" not in [f.name for f in Initiative.history.model._meta.fields]
