"""tracker.permissions: the one gate every view, service and the API ask."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from initiatives import permissions as records_gate
from initiatives.models import Initiative, ProgressUpdate
from tracker import permissions


@pytest.fixture
def notes(officer, focal_my, malaysia, singapore):
    initiative = Initiative.objects.create(name="DEFA", slug="defa")

    def note(state, **extra):
        return ProgressUpdate.objects.create(
            initiative=initiative,
            author=officer,
            date=date(2024, 1, 1),
            summary="x",
            member_state=state,
            **extra,
        )

    return {
        "my": note(malaysia),
        "sg": note(singapore),
        "official": note(None, status="adopted"),
        "withdrawn_my": note(malaysia, withdrawn_at="2024-02-01T00:00:00Z"),
    }


def changeable(user):
    queryset = permissions.restrict(ProgressUpdate.objects.all(), user, permissions.CHANGE)
    return set(queryset.values_list("pk", flat=True))


def test_a_focal_point_may_change_only_their_states_live_notes(focal_my, notes):
    assert changeable(focal_my) == {notes["my"].pk}


def test_officers_and_admins_may_change_every_live_update(officer, admin_user, notes):
    live = {notes[k].pk for k in ("my", "sg", "official")}
    assert changeable(officer) == live and changeable(admin_user) == live


def test_everyone_signed_in_may_read_every_update(focal_sg, notes):
    queryset = permissions.restrict(ProgressUpdate.objects.all(), focal_sg, permissions.VIEW)
    assert queryset.count() == 4


def test_a_focal_point_without_a_state_may_change_nothing(focal_my, notes):
    focal_my.profile.member_state = None
    focal_my.profile.save()
    user = get_user_model().objects.get(pk=focal_my.pk)
    assert changeable(user) == set()
    assert not permissions.can_add_note(user)


def test_only_admins_may_change_users(officer, admin_user):
    users = get_user_model().objects.all()
    assert not permissions.restrict(users, officer, permissions.CHANGE).exists()
    assert permissions.restrict(users, admin_user, permissions.CHANGE).count() == 2


def test_an_unknown_action_is_a_programming_error(officer):
    with pytest.raises(ValueError):
        permissions.restrict(ProgressUpdate.objects.all(), officer, "delete")


def test_lookups_answer_404_for_what_does_not_exist_and_403_for_what_may_not_change(
    focal_sg, notes
):
    with pytest.raises(Http404):
        records_gate.get_update_for_user(focal_sg, 987654)
    assert records_gate.get_update_for_user(focal_sg, notes["my"].pk) == notes["my"]
    with pytest.raises(PermissionDenied, match="belongs to Malaysia"):
        records_gate.get_update_for_user(focal_sg, notes["my"].pk, permissions.CHANGE)
    with pytest.raises(PermissionDenied, match="Only secretariat officers"):
        records_gate.get_initiative_for_user(focal_sg, "defa", permissions.CHANGE)
