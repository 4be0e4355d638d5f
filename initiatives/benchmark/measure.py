"""Time pages through the full middleware stack and count their queries.

Runs inside the benchmark's child process, whose DATABASE_URL points at the throwaway database.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

ROOT = Path(__file__).resolve().parents[2]
# An alias carried by exactly the first 2,000 synthetic initiatives.
EXPORT_MARK = "export-set"
FILTERED = "status=adopted&kind=framework"


@dataclass
class Timing:
    page: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        base = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{base}?{query}" if query else base


def pages() -> list[tuple[str, str | None]]:
    """The pages of issue 7, by label; None where the URL does not exist in this version."""
    export_query = f"q={EXPORT_MARK}"
    return [
        ("dashboard", _url("initiatives:home")),
        ("initiative list", _url("initiatives:list")),
        ("initiative list, filtered", _url("initiatives:list", query=FILTERED)),
        ("initiative page", _url("initiatives:detail", "synthetic-00042")),
        ("matrix, 100 initiatives", _url("initiatives:matrix", query="per_page=100")),
        ("implementation grid, 50 initiatives", _url("implementation:grid")),
        ("implementation scorecard", _url("implementation:scorecard", "ms-4")),
        ("meeting page", _url("initiatives:meeting_detail", "adgmin-3")),
        ("API initiatives", "/api/initiatives/" if _resolves("/api/initiatives/") else None),
        ("CSV export, 2,000 rows", _url("initiatives:export", "csv", query=export_query)),
        ("admin changelist (reference)", "/admin/initiatives/initiative/"),
        ("no-database view (reference)", "/__benchmark__/noop/"),
    ]  # fmt: skip


def _resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@override_settings(ROOT_URLCONF="initiatives.benchmark.urls")
def time_pages(*, username: str, repeat: int) -> list[Timing]:
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)  # a failing page is reported, not fatal
    client.force_login(get_user_model().objects.get(username=username))
    results = []
    for label, url in pages():
        if url is None:
            continue
        response = client.get(url)  # warm-up, and the status to report
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        query_count = len(captured)  # read now: the next request resets the query log
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
        results.append(
            Timing(
                page=label,
                url=url,
                median_ms=round(statistics.median(samples), 2),
                p95_ms=round(percentile(samples, 95), 2),
                queries=query_count,
                status=response.status_code,
            )
        )
    return results


# ------------------------------------------------------------------------------
# Load run against gunicorn
# ------------------------------------------------------------------------------
def _login_opener(base: str, username: str, password: str):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/", timeout=60).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    # After login, land on the health probe rather than the dashboard: the load mix times pages.
    data = (
        f"username={username}&password={password}&csrfmiddlewaretoken={token}&next=/healthz/"
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=60).read()
    if not any(c.name == "sessionid" for c in jar):
        raise RuntimeError("the load run could not log in")
    return opener


def load_run(
    *, username: str, password: str, seconds: float, clients: int, port: int
) -> dict[str, float]:
    """Serve the app with gunicorn on 127.0.0.1 and hit a mix of pages from `clients` threads."""
    # Let go of this process's connection first: an idle SQLite handle here can hold the lock
    # that the server's session writes need.
    connections.close_all()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--threads", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        up_by = time.monotonic() + 60  # gunicorn imports Django in each worker first
        while time.monotonic() < up_by:
            try:
                urllib.request.urlopen(f"{base}/healthz/", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        urls = [u for label, u in pages() if u and "reference" not in label and "CSV" not in label]
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        deadline = time.monotonic() + seconds

        def worker(offset: int) -> None:
            nonlocal errors
            try:
                opener = _login_opener(base, username, password)
            except (urllib.error.URLError, ConnectionError, TimeoutError, RuntimeError):
                with lock:
                    errors += 1
                return
            i = offset
            while time.monotonic() < deadline:
                url = urls[i % len(urls)]
                i += 1
                start = time.perf_counter()
                try:
                    with opener.open(base + url, timeout=30) as response:
                        response.read()
                        ok = response.status == 200
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    ok = False
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += 0 if ok else 1

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / wall, 1),
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else 0.0,
        "errors": errors,
        "clients": clients,
        "seconds": round(wall, 1),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
