"""python manage.py benchmark: page timings and query counts on synthetic data at three sizes.

The parent process runs one child per size; each child points DATABASE_URL at a throwaway
database (a temporary SQLite file, or `<name>_bench` beside the configured PostgreSQL database),
migrates it, fills it, measures, and reports JSON. The configured database is never touched.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import environ
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from initiatives.benchmark.dataset import BENCH_PASSWORD, SIZES

ROOT = Path(settings.BASE_DIR)


def _bench_database_url(size: str) -> tuple[str, Path | None]:
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        parsed = environ.Env.db_url_config(configured)
        name = f"{parsed['NAME']}_bench_{size}"
        base = configured.rsplit("/", 1)[0]
        return f"{base}/{name}", None
    path = Path(tempfile.gettempdir()) / f"adgmin-bench-{size}.sqlite3"
    return f"sqlite:///{path}", path


def _recreate_postgres(url: str, *, reuse: bool = False) -> None:
    import psycopg

    config = environ.Env.db_url_config(url)
    admin = psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
        password=config["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip
    with admin:
        if reuse:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if exists:
                return
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


class Command(BaseCommand):
    help = "Benchmark the main pages on synthetic data (small, medium, large) and print a table."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="small,medium,large")
        parser.add_argument(
            "--repeat", type=int, default=0, help="requests per page (default by size)"
        )
        parser.add_argument("--load-seconds", type=float, default=20.0)
        parser.add_argument("--load-clients", type=int, default=8)
        parser.add_argument("--load-workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument(
            "--load-threads", type=int, default=2, help="threads per gunicorn worker"
        )
        parser.add_argument(
            "--load-write-every",
            type=int,
            default=10,
            help="one request in N of the load run posts a progress update (0: reads only)",
        )
        parser.add_argument("--no-load", action="store_true", help="skip the gunicorn load run")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="keep an existing benchmark database of that size instead of rebuilding it "
            "(quicker when measuring again after a change; migrations still run)",
        )
        parser.add_argument("--child", help=("internal: measure one size in this process"))

    def handle(self, *args, **options):
        if options["child"]:
            return self._child(options)
        sizes = [s.strip() for s in options["sizes"].split(",") if s.strip()]
        unknown = set(sizes) - set(SIZES)
        if unknown:
            raise CommandError(
                f"Unknown size(s): {', '.join(sorted(unknown))}. Use {', '.join(SIZES)}."
            )
        reports = []
        for i, size in enumerate(sizes):
            self.stderr.write(f"Building and measuring the {size} dataset ...")
            with_load = not options["no_load"] and i == len(sizes) - 1
            reports.append(self._run_child(size, options, with_load=with_load))
        self._print(reports)
        load = reports[-1].get("load") if reports else None
        if load and (load["errors"] or not load["writes_kept"] or not load["requests"]):
            raise CommandError(
                f"The load run failed: {load['errors']} errors, {load['writes_lost']} acknowledged "
                f"writes missing, {load['rows_added']} rows added for "
                f"{load['writes_acknowledged']} acknowledged writes."
            )

    # -- parent ---------------------------------------------------------------------------
    def _run_child(self, size: str, options, *, with_load: bool) -> dict:
        url, sqlite_path = _bench_database_url(size)
        if sqlite_path is not None:
            if not options["reuse"]:
                sqlite_path.unlink(missing_ok=True)
        else:
            _recreate_postgres(url, reuse=options["reuse"])
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
            # The load run's writes notify initiative owners: measure the web tier, not a mail
            # server or a broker (tasks run eagerly, mail is discarded).
            "CELERY_BROKER_URL": "memory://",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
        command = [
            sys.executable, "manage.py", "benchmark", "--child", size,
            "--repeat", str(options["repeat"]), "--load-seconds", str(options["load_seconds"]),
            "--load-clients", str(options["load_clients"]),
            "--load-workers", str(options["load_workers"]),
            "--load-threads", str(options["load_threads"]),
            "--load-write-every", str(options["load_write_every"]),
        ]  # fmt: skip
        if not with_load:
            command.append("--no-load")
        if options["reuse"]:
            command.append("--reuse")
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"The {size} run failed:\n{result.stderr[-4000:]}")
        if sqlite_path is not None and not options["reuse"]:
            sqlite_path.unlink(missing_ok=True)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def _print(self, reports: list[dict]) -> None:
        w = self.stdout.write
        for report in reports:
            counts = ", ".join(f"{n:,} {what}" for what, n in report["counts"].items())
            w(f"\n{report['size']} on {report['database']} ({counts}); "
              f"build {report['build_seconds']} s")  # fmt: skip
            timings = report["timings"]
            admin = next((t for t in timings if t["page"].startswith("admin")), None)
            noop = next((t for t in timings if t["page"].startswith("no-database")), None)
            w(f"{'page':<32}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'status':>7}"
              f"{'x admin':>9}{'x no-db':>9}")  # fmt: skip
            for t in timings:
                vs_admin = t["median_ms"] / admin["median_ms"] if admin else float("nan")
                vs_noop = t["median_ms"] / noop["median_ms"] if noop else float("nan")
                w(f"{t['page']:<32}{t['median_ms']:>10.1f}{t['p95_ms']:>9.1f}{t['queries']:>9}"
                  f"{t['status']:>7}{vs_admin:>9.2f}{vs_noop:>9.1f}")  # fmt: skip
            if report.get("missing"):
                w("not measured (no such page in this version): " + ", ".join(report["missing"]))
            if report.get("load"):
                load = report["load"]
                w(f"load run: gunicorn ({load['workers']} workers x {load['threads']} threads) "
                  f"on 127.0.0.1, {load['clients']} clients for {load['seconds']} s: "
                  f"{load['requests']} requests, {load['requests_per_second']} req/s, "
                  f"p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, {load['errors']} errors; "
                  f"{load['writes']} writes (progress updates through the API, p95 "
                  f"{load['write_p95_ms']} ms), {load['writes_acknowledged']} answered 201, "
                  f"{load['rows_added']} rows added, {load['writes_lost']} lost")  # fmt: skip
                for what, count in sorted(load.get("failures", {}).items()):
                    w(f"  failed: {what} x{count}")

    # -- child ----------------------------------------------------------------------------
    def _child(self, options) -> None:
        import time

        from django.db import connection

        from initiatives.benchmark import dataset, measure

        size = SIZES[options["child"]]
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        if options["reuse"] and dataset.is_built():
            counts = dataset.counts()
        else:
            counts = dataset.build(size)
        build_seconds = round(time.perf_counter() - started, 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM too: the build's updates leave dead rows that autovacuum would
                # otherwise clean up in the middle of the measurements.
                cursor.execute("VACUUM ANALYZE")
        repeat = options["repeat"] or {"small": 30, "medium": 20, "large": 10}[size.name]
        timings = measure.time_pages(username="bench-officer", repeat=repeat)
        report = {
            "size": size.name,
            "database": connection.vendor,
            "counts": counts,
            "build_seconds": build_seconds,
            "timings": [t.as_dict() for t in timings],
            "missing": [label for label, url in measure.pages() if url is None],
        }
        if not options["no_load"]:
            report["load"] = measure.load_run(
                username="bench-officer", password=BENCH_PASSWORD,
                seconds=options["load_seconds"], clients=options["load_clients"], port=8799,
                workers=options["load_workers"], threads=options["load_threads"],
                write_every=options["load_write_every"],
            )  # fmt: skip
        self.stdout.write(json.dumps(report))
