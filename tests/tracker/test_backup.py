"""export_all and import_all: the whole dataset, history included, to an empty database and back."""

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from rest_framework.authtoken.models import Token

from initiatives import services
from initiatives.models import Initiative, ProgressUpdate
from partners.models import Partner, UserProfile
from tests import ROOT
from tracker import backup


@pytest.fixture
def dataset(demo, officer, focal_my, admin_user):
    """Demo data with the kinds of rows a backup must carry: history, tokens, notes, users."""
    defa = Initiative.objects.get(slug="defa")
    services.initiative_update(
        initiative=defa,
        user=officer,
        expected_version=defa.version,
        seen_history_id=None,
        description="Substantially concluded",
    )
    services.progress_update_create(
        initiative=defa, user=officer, date=date(2024, 6, 1), summary="Signed", status="adopted"
    )
    note = services.progress_update_create(
        initiative=defa,
        user=focal_my,
        date=date(2024, 6, 2),
        summary="Ratified in Malaysia",
        member_state=Partner.objects.get(slug="malaysia"),
    )
    services.progress_update_withdraw(update=note, user=focal_my, reason="duplicate")
    Token.objects.create(user=officer)
    officer.groups.add(*officer.groups.all())


def _export(path: Path) -> bytes:
    call_command("export_all", str(path), stdout=io.StringIO())
    return path.read_bytes()


def _empty_the_database() -> None:
    """What a new database looks like: migrate's content types and permissions, nothing else."""
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred checks pending in the test's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--noinput", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_an_export_restored_into_an_empty_database_exports_identically(dataset, tmp_path):
    first = _export(tmp_path / "first.json")
    people = {u.username: u.password for u in get_user_model().objects.all()}
    history = Initiative.history.filter(slug="defa").count()
    _empty_the_database()
    assert get_user_model().objects.count() == 0

    call_command("import_all", str(tmp_path / "first.json"), stdout=io.StringIO())

    assert _export(tmp_path / "second.json") == first
    # Spot checks of what "lossless" means to a user of the tracker.
    assert {u.username: u.password for u in get_user_model().objects.all()} == people
    assert Initiative.history.filter(slug="defa").count() == history
    officer = get_user_model().objects.get(username="officer1")
    assert officer.groups.filter(name="Secretariat officer").exists()
    assert UserProfile.objects.get(user__username="focal_my").member_state.slug == "malaysia"
    assert Token.objects.filter(user=officer).exists()
    assert ProgressUpdate.objects.filter(withdrawn_at__isnull=False).count() == 1
    edit = Initiative.history.get(
        slug="defa", description="Substantially concluded", history_type="~"
    )
    assert edit.history_user == officer


def test_it_keeps_microseconds_of_timestamps(dataset, tmp_path):
    created = Initiative.objects.get(slug="defa").created_at
    assert created.microsecond  # made just now, with sub-second precision
    _export(tmp_path / "b.json")
    _empty_the_database()
    call_command("import_all", str(tmp_path / "b.json"), stdout=io.StringIO())
    assert Initiative.objects.get(slug="defa").created_at == created


def test_it_compresses_when_the_file_name_ends_in_gz(dataset, tmp_path):
    data = _export(tmp_path / "b.json.gz")
    assert data[:2] == b"\x1f\x8b"
    assert _export(tmp_path / "again.json.gz") == data  # no timestamp inside the gzip header


def test_it_refuses_a_database_that_is_not_empty_and_changes_nothing(dataset, tmp_path):
    _export(tmp_path / "b.json")
    before = (Partner.objects.count(), Initiative.history.count())
    with pytest.raises(CommandError) as refused:
        call_command("import_all", str(tmp_path / "b.json"))
    assert "not empty" in str(refused.value)
    assert "partners.partner" in str(refused.value)
    assert (Partner.objects.count(), Initiative.history.count()) == before


def test_a_freshly_migrated_database_counts_as_empty(db):
    # If a new data migration fills another table, add it to SEEDED_BY_MIGRATIONS.
    assert backup.occupied_tables() == {}


def test_it_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"model": "partners.partner"}]')
    with pytest.raises(CommandError) as refused:
        call_command("import_all", str(path))
    assert "not a tracker backup" in str(refused.value)


def test_it_refuses_a_backup_of_another_schema(dataset, tmp_path):
    path = tmp_path / "b.json"
    _export(path)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["migrations"]["initiatives"].append("9999_from_the_future")
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    _empty_the_database()
    with pytest.raises(CommandError) as refused:
        call_command("import_all", str(path))
    assert "another version of the database schema" in str(refused.value)
    assert Partner.objects.count() == 0


def test_a_broken_reference_rolls_the_whole_restore_back(dataset, tmp_path):
    path = tmp_path / "b.json"
    _export(path)
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines[1:], start=1):
        row = json.loads(line)
        if row["model"] == "initiatives.mention":
            row["fields"]["initiative"] = 987654  # no such initiative
            lines[i] = json.dumps(row)
            break
    path.write_text("\n".join(lines) + "\n")
    _empty_the_database()
    with pytest.raises(Exception):  # noqa: B017 - the database names the broken key
        call_command("import_all", str(path))
    assert Partner.objects.count() == 0 and Initiative.objects.count() == 0


def test_it_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_all", str(tmp_path / "nowhere.json"))


def test_the_round_trip_holds_through_a_really_new_database(dataset, tmp_path):
    """The same check with a database made by `migrate` in another process, as an operator would."""
    first = _export(tmp_path / "first.json")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    manage("migrate", "--noinput", "-v", "0")
    assert "Restored" in manage("import_all", str(tmp_path / "first.json"))
    manage("export_all", str(tmp_path / "second.json"))
    assert (tmp_path / "second.json").read_bytes() == first
    # A second import into the now-full database is refused.
    again = subprocess.run(
        [sys.executable, "manage.py", "import_all", str(tmp_path / "first.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "not empty" in again.stderr
