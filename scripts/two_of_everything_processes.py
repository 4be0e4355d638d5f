"""Processes and HTTP sessions for scripts/two_of_everything.py: starting and always stopping
the servers and workers, waiting for them, and logging in and posting forms as a browser would.

Kept apart from the load and its checks so that each file stays small enough to read whole.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "two-of-everything-pw"


def recreate_database(server: str, name: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(server)
    with psycopg.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
        password=parsed.password, dbname="postgres", autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


class Processes:
    """Every process started, stopped (TERM, then KILL) whatever happens."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs, self.started = env, logs, []

    def start(self, name: str, *command: str) -> subprocess.Popen:
        out = (self.logs / f"{name}.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", *command], cwd=ROOT, env=self.env, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.started.append((name, proc))
        return proc

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for _, proc in self.started:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
        for _, proc in self.started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(timeout=10)


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise SystemExit(f"FAIL: {what} within {seconds:.0f} s")


def answers(base: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/healthz/", timeout=3).read()
        return True
    except OSError:
        return False


def login(base: str, username: str):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/", timeout=60).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token,
         "next": "/healthz/"}
    ).encode()  # fmt: skip
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body), timeout=60).read()
    if not any(c.name == "sessionid" for c in jar):
        raise RuntimeError(f"{username} could not log in")
    return opener, jar


def post_form(opener, jar, url: str, fields: dict) -> tuple[int, str]:
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True).encode()
    no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    try:
        with no_redirect.open(urllib.request.Request(url, data=body), timeout=120) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
