"""Time pages through the full middleware stack and count their queries.

Runs inside the benchmark's child process, whose DATABASE_URL points at the throwaway database.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
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
    opener.open(f"{base}/accounts/login/", timeout=120).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    # After login, land on the health probe rather than the dashboard: the load mix times pages.
    data = (
        f"username={username}&password={password}&csrfmiddlewaretoken={token}&next=/healthz/"
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=120).read()
    if not any(c.name == "sessionid" for c in jar):
        raise RuntimeError("the load run could not log in")
    return opener


# Every WRITE_EVERY-th request of a client is a write: a progress update through the API.
WRITE_EVERY = 10
WRITE_MARK = "load-run write"


def _write_targets(limit: int = 50) -> list[str]:
    from initiatives.models import Initiative

    return list(
        Initiative.objects.filter(slug__startswith="synthetic-")
        .order_by("slug")
        .values_list("slug", flat=True)[:limit]
    )


def _api_token(username: str) -> str:
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username=username)
    return Token.objects.get_or_create(user=user)[0].key


def _written(mark: str) -> list[str]:
    from initiatives.models import ProgressUpdate

    return list(
        ProgressUpdate.objects.filter(summary__startswith=mark).values_list("summary", flat=True)
    )


def load_run(
    *,
    username: str,
    password: str,
    seconds: float,
    clients: int,
    port: int,
    workers: int = 2,
    threads: int = 2,
    write_every: int = WRITE_EVERY,
) -> dict[str, float]:
    """Serve the app with gunicorn on 127.0.0.1 and hit a mix of pages from `clients` threads.

    One request in `write_every` (0: none) posts a progress update through the API with a
    token, each with a summary of its own; afterwards every write answered 201 must be in the
    database exactly once, and the rows added must be exactly those.
    """
    targets = _write_targets() if write_every else []
    token = _api_token(username) if write_every else ""
    # A mark of this run's own: a reused database keeps the writes of earlier runs.
    mark = f"{WRITE_MARK} {uuid.uuid4().hex[:8]}"
    from initiatives.models import ProgressUpdate

    count_before = ProgressUpdate.objects.count()
    # Let go of this process's connection first: an idle SQLite handle here can hold the lock
    # that the server's session writes need.
    connections.close_all()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--log-level", "warning"],
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
        write_latencies: list[float] = []
        acknowledged: list[str] = []  # summaries of the writes answered 201
        errors = 0
        failures: dict[str, int] = {}  # "url: status" -> count, to say what failed
        lock = threading.Lock()
        # Every client logs in first (password hashing is slow by design); the timed run starts
        # when the last one is in, so that `seconds` measures the mix alone.
        window = {"deadline": 0.0, "started": 0.0}

        def begin() -> None:
            window["started"] = time.monotonic()
            window["deadline"] = window["started"] + seconds

        ready = threading.Barrier(clients, action=begin)
        logins = threading.Semaphore(max(1, workers * threads))

        def write(client: int, n: int) -> urllib.request.Request:
            summary = f"{mark} {client}-{n}"
            body = {
                "initiative": targets[(client + n) % len(targets)],
                "date": "2026-06-01",
                "summary": summary,
            }
            return urllib.request.Request(
                f"{base}/api/progress-updates/",
                data=json.dumps(body).encode(),
                headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
                method="POST",
            )

        def worker(offset: int) -> None:
            nonlocal errors
            opener = None
            # A few logins at a time: fifty password hashes at once would only time out.
            with logins:
                for _attempt in range(3):
                    try:
                        opener = _login_opener(base, username, password)
                        break
                    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                        reason = f"login: {type(error).__name__}"
                    except RuntimeError:
                        reason = "login: refused"
            if opener is None:
                with lock:
                    errors += 1
                    failures[reason] = failures.get(reason, 0) + 1
            ready.wait()
            if opener is None:
                return
            i = offset
            n = 0
            while time.monotonic() < window["deadline"]:
                n += 1
                # Spread the writes: client k writes on its requests k, k+10, k+20, ...
                is_write = bool(targets) and write_every and (n + offset) % write_every == 0
                request = write(offset, n) if is_write else base + urls[i % len(urls)]
                i += 0 if is_write else 1
                start = time.perf_counter()
                try:
                    with opener.open(request, timeout=60) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                    status = type(error).__name__
                ok = status == (201 if is_write else 200)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += 0 if ok else 1
                    if not ok:
                        what = "POST progress update" if is_write else urls[(i - 1) % len(urls)]
                        failures[f"{what}: {status}"] = failures.get(f"{what}: {status}", 0) + 1
                    if is_write:
                        write_latencies.append(elapsed)
                        if ok:
                            acknowledged.append(f"{mark} {offset}-{n}")

        pool = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall = time.monotonic() - window["started"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    connections.close_all()
    written = _written(mark)
    lost = sorted(set(acknowledged) - set(written))
    added = ProgressUpdate.objects.count() - count_before
    return {
        "writes": len(write_latencies),
        "writes_acknowledged": len(acknowledged),
        "rows_added": added,
        "writes_lost": len(lost),
        # Each acknowledged write is there once, and nothing else was added.
        "writes_kept": not lost
        and sorted(written) == sorted(acknowledged)
        and added == len(acknowledged),
        "write_p95_ms": round(percentile(write_latencies, 95), 1) if write_latencies else 0.0,
        "workers": workers,
        "threads": threads,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(latencies, 50), 1) if latencies else 0.0,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else 0.0,
        "errors": errors,
        "failures": failures,
        "clients": clients,
        "seconds": round(wall, 1),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
