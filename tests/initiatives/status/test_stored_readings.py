"""The engine's reading at each meeting is stored (StatusAtMeeting) and rebuilt where needed."""

from datetime import date

import pytest
from django.apps import apps
from django.db.models.signals import post_migrate

from initiatives import selectors, services
from initiatives.models import Initiative, Meeting, StatusAtMeeting


def _meetings(*numbers, planned=()):
    return [
        Meeting.objects.create(
            series="ADGMIN",
            number=n,
            slug=f"adgmin-{n}",
            start_date=date(2020 + n, 1, 20),
            is_planned=n in planned,
        )
        for n in numbers
    ]


def _kinds(meeting):
    groups = selectors.meeting_comparison(meeting).groups
    return {c.initiative.slug: kind for kind, changes in groups.items() for c in changes}


@pytest.mark.django_db
def test_a_meeting_held_later_lists_what_went_silent_at_it():
    third, fourth = _meetings(3, 4, planned=(4,))
    defa = Initiative.objects.create(name="Digital Economy Framework Agreement", slug="defa")
    services.mention_record(meeting=third, initiative=defa, status="preparing")
    # Planned: nothing has happened at it, so nothing went silent.
    assert _kinds(fourth) == {}
    fourth.is_planned = False
    fourth.save()
    assert _kinds(fourth) == {"defa": "silent"}
    assert _kinds(third) == {"defa": "new"}


@pytest.mark.django_db
def test_deleting_a_meeting_leaves_no_reading_of_it_and_reconnects_its_neighbours():
    second, third, fourth = _meetings(2, 3, 4)
    cert = Initiative.objects.create(name="ASEAN Regional CERT", slug="asean-regional-cert")
    services.mention_record(meeting=second, initiative=cert, status="preparing")
    services.mention_record(meeting=fourth, initiative=cert, status="implementing")
    assert _kinds(fourth) == {"asean-regional-cert": "returned"}
    third.delete()
    assert not StatusAtMeeting.objects.filter(meeting_id=third.pk).exists()
    # The 2nd is now the meeting before the 4th: mentioned at both, the status moved on.
    assert _kinds(fourth) == {"asean-regional-cert": "advanced"}


@pytest.mark.django_db
def test_deleting_an_initiative_leaves_no_reading_of_it():
    (third,) = _meetings(3)
    defa = Initiative.objects.create(name="Digital Economy Framework Agreement", slug="defa")
    services.mention_record(meeting=third, initiative=defa, status="preparing")
    assert StatusAtMeeting.objects.filter(initiative=defa).exists()
    pk = defa.pk
    defa.delete()
    assert not StatusAtMeeting.objects.filter(initiative_id=pk).exists()


@pytest.mark.django_db
def test_migrate_fills_the_readings_when_there_are_mentions_and_none_stored():
    third, fourth = _meetings(3, 4)
    defa = Initiative.objects.create(name="Digital Economy Framework Agreement", slug="defa")
    services.mention_record(meeting=third, initiative=defa, status="preparing")
    services.mention_record(meeting=fourth, initiative=defa, status="adopted")
    stored = set(StatusAtMeeting.objects.values_list("meeting_id", "change", "before", "holds"))
    StatusAtMeeting.objects.all().delete()  # as on the first deploy of the table
    post_migrate.send(
        sender=apps.get_app_config("initiatives"),
        app_config=apps.get_app_config("initiatives"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    rebuilt = set(StatusAtMeeting.objects.values_list("meeting_id", "change", "before", "holds"))
    assert rebuilt == stored
    assert (fourth.pk, "advanced", "preparing", "adopted") in rebuilt
