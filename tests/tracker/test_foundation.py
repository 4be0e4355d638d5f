"""The project as a new user meets it: login, roles, settings, demo data."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from initiatives.models import Initiative, Meeting, Mention, Paragraph, Statement
from partners.models import Partner
from tests import ROOT
from tracker import roles


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_lets_an_officer_log_in_and_see_the_home_page(client, demo, officer):
    response = client.post(reverse("login"), {"username": "officer1", "password": "pw"})
    assert response.status_code == 302
    page = client.get("/")
    assert page.status_code == 200
    assert b'What the <a href="/meetings/adgmin-6/">6th ADGMIN</a> changed' in page.content
    assert b"7th ASEAN Digital Ministers" in page.content  # the next one


def test_it_lets_the_admin_reach_django_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_it_keeps_focal_points_out_of_django_admin(client, focal_my):
    client.force_login(focal_my)
    assert client.get("/admin/").status_code == 302


def test_health_endpoint_answers_without_login(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_endpoint_refuses_post(client, db):
    assert client.post("/healthz/").status_code == 405


def test_roles_exist_with_their_permissions(db):
    officer = Group.objects.get(name=roles.OFFICER)
    focal = Group.objects.get(name=roles.FOCAL_POINT)
    admin = Group.objects.get(name=roles.ADMIN)
    officer_perms = set(officer.permissions.values_list("codename", flat=True))
    focal_perms = set(focal.permissions.values_list("codename", flat=True))
    assert {"change_initiative", "add_mention", "add_progressupdate"} <= officer_perms
    assert "change_user" not in officer_perms
    assert "change_initiative" not in focal_perms
    assert {"view_initiative", "add_progressupdate"} <= focal_perms
    assert admin.permissions.filter(codename="change_user").exists()


class TestDemoData:
    def test_it_loads_the_meeting_series(self, demo):
        held = Meeting.objects.filter(series="ADGMIN", is_planned=False)
        assert sorted(held.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
        planned = Meeting.objects.get(series="ADGMIN", number=7)
        assert planned.is_planned and planned.host.name == "Brunei Darussalam"
        assert planned.venue.startswith("Bandar Seri Begawan")
        third = Meeting.objects.get(series="ADGMIN", number=3)
        assert str(third.start_date) == "2023-02-09" and str(third.end_date) == "2023-02-10"
        assert third.chair_country.name == "Philippines"
        assert third.vice_chair_country.name == "Singapore"

    def test_it_has_eleven_member_states_with_timor_leste_from_2025(self, demo):
        states = Partner.objects.member_states()
        assert states.count() == 11
        assert str(states.get(name="Timor-Leste").member_since) == "2025-10-26"
        assert Partner.objects.member_states(on="2024-01-01").count() == 10

    def test_it_stores_the_third_statement_in_21_paragraphs_and_four_sections(self, demo):
        statement = Statement.objects.get(meeting__number=3)
        paragraphs = list(statement.paragraphs.order_by("number"))
        assert [p.number for p in paragraphs] == list(range(1, 22))
        sections = []
        for p in paragraphs:
            if p.section and p.section not in sections:
                sections.append(p.section)
        assert sections == [
            "Synergy Towards a Sustainable Digital Future",
            "Digital Cooperation with Dialogue and Development Partners",
            "Next Meeting",
            "Acknowledgement",
        ]
        fifth = statement.paragraphs.get(number=5)
        assert fifth.text.endswith(
            "Cross Border Data Flows (CBDF) Mechanism, the initiative that was launched during "
            "the 1st ADGMIN."
        )
        assert "**" not in fifth.text
        assert statement.text.startswith("---")  # verbatim, front matter included

    def test_loading_twice_changes_nothing(self, demo):
        models = [Partner, Meeting, Statement, Paragraph, Initiative, Mention]
        before = {m: m.objects.count() for m in models}
        call_command("load_demo", stdout=StringIO())
        assert {m: m.objects.count() for m in models} == before

    def test_statuses_follow_the_latest_meeting(self, demo):
        adm = Initiative.objects.get(acronym="ADM 2025")
        assert adm.status == "completed"  # adopted at the 1st, its completion noted at the 6th
        aim = Initiative.objects.get(acronym="AIM2020")
        assert aim.status == "superseded"


def test_demo_users_command_prints_passwords_that_work(db, demo, client):
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("  ")]
    lines = {line.split()[0]: line.split()[1] for line in rows}
    assert set(lines) == {"admin", "officer", "focal-my", "focal-sg"}
    assert client.login(username="officer", password=lines["officer"]) is True


def _run(args, env):
    # The browser tests allow Django's async-unsafe calls in this process; a deployment does not.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "tracker.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-like-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_TESTING": "",
}


def test_deploy_check_is_clean_under_production_settings():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_server_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "", "SECRET_KEY": ""}
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", "import tracker.wsgi"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_flags_the_development_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "", "SECRET_KEY": ""}
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_no_model_change_is_missing_a_migration():
    result = _run(["makemigrations", "--check", "--dry-run"], {"DJANGO_DEBUG": "true"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ["/", "/initiatives/", "/meetings/", "/partners/"])
def test_main_pages_answer_for_an_officer(client, demo, officer, path):
    client.force_login(officer)
    assert client.get(path).status_code == 200
