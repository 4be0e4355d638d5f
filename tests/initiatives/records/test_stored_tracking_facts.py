"""An initiative's stored facts (last_update_on, mention_count, last_mentioned_on) follow its
progress updates, mentions and meetings, however they are written."""

from datetime import date

from initiatives import services
from initiatives.models import Initiative, Meeting, Mention, ProgressUpdate


def stored(initiative: Initiative, field: str = "last_update_on"):
    return Initiative.objects.values_list(field, flat=True).get(pk=initiative.pk)


def mentions_of(initiative: Initiative) -> tuple:
    facts = Initiative.objects.values_list("mention_count", "last_mentioned_on")
    return facts.get(pk=initiative.pk)


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


def test_mentions_keep_the_count_and_the_last_meeting(initiative, meeting):
    assert mentions_of(initiative) == (1, date(2023, 2, 9))
    later = Meeting.objects.create(
        series="ADGMIN", number=4, slug="adgmin-4", start_date=date(2024, 1, 17)
    )
    mention = Mention.objects.create(meeting=later, initiative=initiative, status="adopted")
    assert mentions_of(initiative) == (2, date(2024, 1, 17))
    mention.delete()
    assert mentions_of(initiative) == (1, date(2023, 2, 9))


def test_a_planned_meeting_counts_as_a_mention_but_not_as_last_mentioned(initiative):
    planned = Meeting.objects.create(
        series="ADGMIN", number=5, slug="adgmin-5", start_date=date(2025, 1, 16), is_planned=True
    )
    Mention.objects.create(meeting=planned, initiative=initiative)
    assert mentions_of(initiative) == (2, date(2023, 2, 9))
    planned.is_planned = False  # held after all: its date now counts
    planned.save()
    assert mentions_of(initiative) == (2, date(2025, 1, 16))


def test_a_mention_moved_to_another_initiative_refreshes_both(initiative, meeting):
    other = Initiative.objects.create(name="ASEAN Data Management Framework", slug="dmf")
    mention = initiative.mentions.get()
    mention.initiative = other
    mention.save()
    assert mentions_of(initiative) == (0, None)
    assert mentions_of(other) == (1, date(2023, 2, 9))
