"""Deployment: X-Forwarded-Proto only when configured, request-size limits, a private backup."""

import io
import json
import os
import re
import shlex
import stat
import subprocess
import sys

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from gunicorn.config import Config
from rest_framework.authtoken.models import Token

from tests import ROOT

STRONG_KEY = "kq3-Vx9_P2mZr8TnW4yLc7HbF1sJd6GeA0uQoN5iRtY-XwKpE8vBjMz2DhU"
MB = 1024 * 1024


def _production_python(code: str, **env) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    base.pop("TRUST_X_FORWARDED_PROTO", None)
    base.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_TESTING="",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


IS_SECURE = (
    "import django; django.setup()\n"
    "from django.test import RequestFactory\n"
    "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
    "print(request.is_secure())"
)


class TestForwardedProto:
    def test_a_client_cannot_claim_https_by_default(self):
        assert _production_python(IS_SECURE) == "False"

    def test_trusted_when_the_deployment_says_a_proxy_sets_it(self):
        assert _production_python(IS_SECURE, TRUST_X_FORWARDED_PROTO="true") == "True"

    def test_documented(self):
        assert "TRUST_X_FORWARDED_PROTO" in (ROOT / ".env.example").read_text()
        assert "TRUST_X_FORWARDED_PROTO" in (ROOT / "README.md").read_text()
        deployment = (ROOT / "docs" / "deployment.md").read_text()
        assert "TRUST_X_FORWARDED_PROTO" in deployment
        assert "from any client" not in deployment


@pytest.mark.django_db
class TestRequestBodies:
    def test_an_anonymous_oversized_post_is_refused_before_its_body_is_read(self, client):
        # The test client's input holds 10 bytes; reading the declared 100 MB would fail.
        for url in (reverse("login"), "/api/auth/token/", reverse("initiatives:import_start")):
            response = client.post(
                url, data=b"x" * 10, content_type="application/json", CONTENT_LENGTH=str(100 * MB)
            )
            assert response.status_code == 413, url

    def test_an_anonymous_multipart_body_of_a_few_megabytes_is_refused(self, client):
        response = client.post(reverse("login"), {"username": "a", "file": _file(3 * MB, "x.pdf")})
        assert response.status_code == 413

    def test_an_api_post_with_a_forged_token_counts_as_anonymous(self, client):
        response = client.post(
            "/api/auth/token/",
            data=json.dumps({"username": "x" * MB, "password": "y"}),
            content_type="application/json",
            HTTP_AUTHORIZATION="Token not-a-real-key",
        )
        assert response.status_code == 413
        assert "larger than" in response.json()["detail"]

    def test_a_small_anonymous_post_still_reaches_the_view(self, client):
        response = client.post(reverse("login"), {"username": "a", "password": "b"})
        assert response.status_code == 200

    def test_an_officer_uploads_a_statement_of_the_largest_accepted_size(self, client, officer):
        client.force_login(officer)
        # An old Word file of exactly IMPORT_MAX_BYTES reaches the importer's pre-check, whose
        # message proves the whole body was read.
        data = b"\xd0\xcf\x11\xe0" + b"\0" * (settings.IMPORT_MAX_BYTES - 4)
        response = client.post(
            reverse("initiatives:import_start"), {"file": _file(data=data, name="s.doc")}
        )
        assert response.status_code == 200
        assert "Word 97-2003" in response.content.decode()

    def test_a_slightly_too_large_statement_gets_the_form_s_message(self, client, officer):
        client.force_login(officer)
        size = settings.IMPORT_MAX_BYTES + 1
        response = client.post(reverse("initiatives:import_start"), {"file": _file(size, "s.md")})
        assert response.status_code == 200
        assert "are refused" in response.content.decode()

    def test_a_signed_in_body_beyond_the_cap_is_refused(self, client, officer):
        client.force_login(officer)
        response = client.post(
            reverse("initiatives:import_start"),
            data=b"x",
            content_type="text/plain",
            CONTENT_LENGTH=str(settings.MAX_BODY_BYTES + 1),
        )
        assert response.status_code == 413

    def test_an_api_token_client_has_the_signed_in_cap(self, client, officer):
        key = Token.objects.create(user=officer).key
        response = client.post(
            "/api/initiatives/",
            data=json.dumps({"name": "N", "summary": "x" * 200_000}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        assert response.status_code != 413

    def test_a_pasted_statement_up_to_the_import_limit_fits_django_s_cap(self):
        # Django's cap counts every non-file field: a pasted statement of IMPORT_MAX_BYTES and
        # the form's other fields must fit under it (the default 2.5 MB did not).
        assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.IMPORT_MAX_BYTES
        assert settings.MAX_BODY_BYTES > settings.IMPORT_MAX_BYTES
        assert settings.ANONYMOUS_MAX_BODY_BYTES <= 1 * MB


def _file(size: int = 0, name: str = "f.bin", data: bytes | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data if data is not None else b"a" * size)


def _gunicorn_limits(argv: list[str]) -> tuple[int, int, int]:
    assert argv[0] == "gunicorn", argv
    parsed = Config().parser().parse_args(argv[1:])
    return (
        parsed.limit_request_line,
        parsed.limit_request_fields,
        parsed.limit_request_field_size,
    )


class TestGunicornLimits:
    EXPECTED = (8190, 50, 8190)

    def test_compose_passes_the_header_limits_to_gunicorn(self):
        command = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"][
            "command"
        ]
        shell, flag, script = shlex.split(command)
        assert (shell, flag) == ("sh", "-c")
        # Run the command's own shell script with stand-ins that print what gunicorn receives.
        stand_ins = 'python() { :; }; gunicorn() { printf "%s\\n" gunicorn "$@"; }; '
        result = subprocess.run(
            ["sh", "-c", stand_ins + script], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr
        assert _gunicorn_limits(result.stdout.splitlines()) == self.EXPECTED

    def test_the_image_s_default_command_has_the_same_limits(self):
        text = (ROOT / "Dockerfile").read_text().replace("\\\n", "")
        cmd = re.search(r"^CMD (\[.*\])$", text, re.M).group(1)
        assert _gunicorn_limits(json.loads(cmd)) == self.EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_the_backup_is_readable_by_its_owner_only(tmp_path, name):
    path = tmp_path / name
    path.write_text("an older file, world-readable")
    path.chmod(0o644)
    call_command("export_all", str(path), stdout=io.StringIO())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    fresh = tmp_path / ("fresh-" + name)
    old_umask = os.umask(0o022)
    try:
        call_command("export_all", str(fresh), stdout=io.StringIO())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
