"""docker-compose.yml describes the production stack (no Docker engine runs here to start it)."""

import shutil
import subprocess

import pytest
import yaml

from tests import ROOT


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_defines_the_five_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_web_migrates_then_serves_with_gunicorn(compose):
    command = compose["services"]["web"]["command"]
    assert command.index("migrate") < command.index("gunicorn tracker.wsgi:application")


def test_worker_and_beat_reuse_the_web_image_and_differ_in_command(compose):
    services = compose["services"]
    for name in ("worker", "beat"):
        assert services[name]["image"] == services["web"]["image"]
        assert services[name]["env_file"] == services["web"]["env_file"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "tracker", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "tracker", "beat"]


def test_databases_are_healthy_before_the_app_starts_and_keep_their_data(compose):
    services = compose["services"]
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name]
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert {"postgres-data", "redis-data"} <= set(compose["volumes"])


def test_env_example_names_every_required_setting():
    example = (ROOT / ".env.example").read_text()
    for key in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"):
        assert f"{key}=" in example


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed")
def test_docker_compose_validates_the_file(tmp_path):
    # env_file is resolved beside the compose file, so validate a copy next to a sample .env.
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    result = subprocess.run(
        ["docker-compose", "-f", str(tmp_path / "docker-compose.yml"), "config", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
