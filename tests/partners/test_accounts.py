"""Admins manage users and roles; every user chooses their reminder emails."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from partners.models import UserProfile
from tracker import roles

User = get_user_model()


def new_user(**extra):
    return {
        "username": "focal-th",
        "email": "th@example.org",
        "first_name": "Somchai",
        "last_name": "",
        "role": roles.FOCAL_POINT,
        "password1": "a long pass phrase 42",
        "password2": "a long pass phrase 42",
        **extra,
    }


def test_an_admin_creates_a_focal_point_for_a_member_state(client, admin_user, malaysia):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:create"), new_user(member_state=malaysia.pk))
    assert response.status_code == 302
    user = User.objects.get(username="focal-th")
    assert roles.is_focal_point(user) and roles.member_state_of(user) == malaysia
    assert not user.is_staff and user.check_password("a long pass phrase 42")
    assert client.login(username="focal-th", password="a long pass phrase 42")


def test_a_focal_point_needs_a_member_state(client, admin_user, db):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:create"), new_user())
    assert response.status_code == 200
    assert "speaks for one member state" in response.content.decode()
    assert not User.objects.filter(username="focal-th").exists()


def test_a_weak_password_is_refused(client, admin_user, malaysia):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:create"),
        new_user(member_state=malaysia.pk, password1="12345678", password2="12345678"),
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="focal-th").exists()


def test_an_admin_moves_a_user_to_another_role(client, admin_user, focal_my):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:edit", args=[focal_my.pk]),
        {"email": "my@example.org", "role": roles.OFFICER, "is_active": "on"},
    )
    assert response.status_code == 302
    focal_my.refresh_from_db()
    user = User.objects.get(pk=focal_my.pk)
    assert roles.is_officer(user) and not roles.is_focal_point(user)
    assert UserProfile.objects.get(user=user).member_state is None  # only focal points have one


def test_making_someone_admin_lets_them_into_django_admin(client, admin_user, officer):
    client.force_login(admin_user)
    client.post(
        reverse("accounts:edit", args=[officer.pk]),
        {"email": "o@example.org", "role": roles.ADMIN, "is_active": "on"},
    )
    officer.refresh_from_db()
    assert officer.is_staff and roles.is_admin(User.objects.get(pk=officer.pk))


def test_an_admin_cannot_demote_themselves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:edit", args=[admin_user.pk]),
        {"email": "a@example.org", "role": roles.OFFICER, "is_active": "on"},
    )
    assert response.status_code == 200
    assert "cannot remove your own admin role" in response.content.decode()
    assert roles.is_admin(User.objects.get(pk=admin_user.pk))


def test_deactivating_a_user_keeps_them_out(client, admin_user, officer):
    client.force_login(admin_user)
    client.post(
        reverse("accounts:edit", args=[officer.pk]),
        {"email": "o@example.org", "role": roles.OFFICER},
    )
    officer.refresh_from_db()
    assert not officer.is_active
    assert not client.login(username="officer1", password="pw")


def test_an_admin_sets_a_new_password(client, admin_user, officer):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:password", args=[officer.pk]),
        {"password1": "correct horse battery", "password2": "correct horse battery"},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("correct horse battery")


def test_officers_and_focal_points_cannot_manage_users(client, officer, focal_my):
    for user in (officer, focal_my):
        client.force_login(user)
        response = client.post(reverse("accounts:create"), new_user())
        assert response.status_code == 403
        assert "Only admins can manage users" in response.content.decode()
    assert not User.objects.filter(username="focal-th").exists()


def test_the_user_list_shows_roles_and_states(client, admin_user, focal_my, officer):
    client.force_login(admin_user)
    page = client.get(reverse("accounts:list")).content.decode()
    assert "focal_my" in page and "Malaysia" in page and roles.OFFICER in page


def test_unknown_user_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("accounts:edit", args=[99999])).status_code == 404


def test_every_user_switches_their_reminders_off(client, focal_sg):
    client.force_login(focal_sg)
    response = client.post(reverse("preferences"), {"remind_meeting": "on"})
    assert response.status_code == 302
    profile = UserProfile.objects.get(user=focal_sg)
    assert (
        profile.remind_stale,
        profile.remind_meeting,
        profile.digest_imports,
        profile.notify_updates,
    ) == (False, True, False, False)


def test_a_user_without_a_profile_gets_one_on_the_preferences_page(client, db):
    user = User.objects.create_user("loner", password="pw")
    client.force_login(user)
    assert client.get(reverse("preferences")).status_code == 200
    assert UserProfile.objects.filter(user=user).exists()
