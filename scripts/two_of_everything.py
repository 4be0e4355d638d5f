#!/usr/bin/env python
"""Two of everything: two gunicorn processes, two Celery workers and beat on one PostgreSQL and
one Redis, driven for a while (--seconds) by concurrent statement imports, progress updates
through the API and reminder runs; then every figure is checked and printed.

    .venv/bin/python scripts/two_of_everything.py --seconds 45

Passes (exit 0) when: every progress update answered 201 is stored exactly once and nothing else
was added; every statement imported is stored once, however many officers confirmed it at the
same time; no import job is left waiting for its parsing; every reminder run and outbox message
was executed (no task lost); and every email was sent exactly once (mail goes to files through
Django's file backend, one file per message, counted across all processes). A fresh database
(--database, default adgmin_two) and a Redis database of its own (--redis-url) are used.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from two_of_everything_processes import (
    PASSWORD,
    ROOT,
    Processes,
    answers,
    login,
    post_form,
    recreate_database,
    wait_until,
)

STATEMENTS = [
    ROOT / "initiatives" / "demo" / "3rd-adgmin-2023-joint-media-statement.md",
    ROOT / "tests" / "initiatives" / "importer" / "statements" / "4th-adgmin-2024-singapore.md",
    ROOT / "tests" / "initiatives" / "importer" / "statements" / "5th-adgmin-2025-bangkok.md",
    ROOT / "tests" / "initiatives" / "importer" / "statements" / "6th-adgmin-2026-viet-nam.md",
]
MARK = "two-of-everything"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load runs")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="adgmin_two")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--port", type=int, default=8821, help="first gunicorn; the second +1")
    parser.add_argument("--writers", type=int, default=4, help="threads posting progress updates")
    parser.add_argument("--drain-seconds", type=float, default=120.0)
    return parser.parse_args()


def set_up_people() -> dict:
    """An officer who writes, three owners, two focal points; owners own initiatives."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from initiatives.models import Initiative
    from partners.models import Partner, UserProfile
    from tracker import roles

    User = get_user_model()

    def person(username: str, group: str, member_state=None):
        user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        UserProfile.objects.update_or_create(user=user, defaults={"member_state": member_state})
        return user

    writer = person("writer", roles.OFFICER)
    importers = [person(f"importer{n}", roles.OFFICER) for n in (1, 2)]
    owners = [person(f"owner{n}", roles.OFFICER) for n in (1, 2, 3)]
    states = list(Partner.objects.member_states().order_by("name")[:2])
    focal = [person(f"focal{n}", roles.FOCAL_POINT, state) for n, state in enumerate(states)]
    initiatives = list(Initiative.objects.order_by("pk"))
    for n, initiative in enumerate(initiatives):
        Initiative.objects.filter(pk=initiative.pk).update(owner=owners[n % len(owners)])
    from initiatives.models import Statement

    return {
        "statements_before": Statement.objects.count(),
        "token": Token.objects.create(user=writer).key,
        "importers": [u.username for u in importers],
        "targets": [i.slug for i in initiatives[:30]],
        "focal": len(focal),
    }


class Figures:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []
        self.write_errors: Counter = Counter()
        self.import_outcomes: Counter = Counter()
        self.import_errors: list[str] = []
        self.reminder_runs: list = []
        self.crashes: list[str] = []

    def add(self, name: str, value) -> None:
        with self.lock:
            getattr(self, name).append(value)


def guarded(target, figures):
    """A thread's target that records its exception as a failure of the run, not only a
    traceback on stderr (a crashed importer once left the run reporting PASS)."""

    def run(*args):
        try:
            target(*args)
        except Exception as error:  # noqa: BLE001 - any crash fails the run, with its message
            figures.add("crashes", f"{target.__name__}: {error!r}")
            raise

    return run


def writer_thread(n: int, bases: list[str], token: str, targets: list[str], stop, figures):
    i = 0
    while not stop.is_set():
        i += 1
        summary = f"{MARK} [{n}-{i}]"  # brackets: no summary is a prefix of another
        body = {"initiative": targets[(n * 7 + i) % len(targets)], "date": "2026-06-01",
                "summary": summary}  # fmt: skip
        request = urllib.request.Request(
            f"{bases[i % 2]}/api/progress-updates/", data=json.dumps(body).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = type(error).__name__
        if status == 201:
            figures.add("acknowledged", summary)
        else:
            with figures.lock:
                figures.write_errors[str(status)] += 1


def importer_thread(n: int, base: str, username: str, stop, figures) -> None:
    """Import every statement in turn (the other importer does the same at the same time)."""
    from initiatives.models import ImportJob
    from tests.initiatives.importer.steps import review_post

    opener, jar = login(base, username)
    order = STATEMENTS if n == 0 else list(reversed(STATEMENTS))
    parsed = ImportJob.State.READY, ImportJob.State.FAILED
    for path in order:
        if stop.is_set():
            return
        opener.open(f"{base}/imports/", timeout=60).read()  # the form, and its CSRF cookie
        status, location = post_form(
            opener, jar, f"{base}/imports/",
            {"text": path.read_text(encoding="utf-8"), "encoding": "", "source_url": ""},
        )  # fmt: skip
        if status != 302 or "/imports/" not in location:
            figures.add("import_errors", f"upload {path.name}: {status} {location}")
            continue
        pk = location.rstrip("/").split("/")[-1]
        wait_until(lambda pk=pk: ImportJob.objects.get(pk=pk).state in parsed, 180,
                   f"parsing of {path.name}")  # fmt: skip
        job = ImportJob.objects.get(pk=pk)
        if job.state == ImportJob.State.FAILED:
            figures.add("import_errors", f"parse {path.name}: {job.message}")
            continue
        fields = (
            {"confirm": "1"} if job.proposal.get("duplicate_of") else review_post(job, confirm="1")
        )
        status, location = post_form(opener, jar, f"{base}/imports/{pk}/review/", fields)
        job.refresh_from_db()
        if status == 302 and job.state == ImportJob.State.READY:
            # Told that another import saved the same new initiatives at the same moment (or
            # that the connection was lost): nothing was saved; confirm again, as asked.
            with figures.lock:
                figures.import_outcomes["confirmed again"] += 1
            status, location = post_form(opener, jar, f"{base}/imports/{pk}/review/", fields)
            job.refresh_from_db()
        if status == 400 and job.state == ImportJob.State.READY:
            # The other officer's import created some of the same new initiatives since this
            # one was parsed: the review refuses them as new ("merge into it instead"), so merge
            # them, as the officer would, and confirm.
            with figures.lock:
                figures.import_outcomes["merged into the other's"] += 1
            status, location = post_form(
                opener, jar, f"{base}/imports/{pk}/review/", merge_existing(job, fields)
            )
            job.refresh_from_db()
        with figures.lock:
            if status == 302 and job.state == ImportJob.State.CONFIRMED:
                figures.import_outcomes["new" if "Imported" in job.message else "known"] += 1
            else:
                figures.import_errors.append(f"confirm {path.name}: {status} {job.state}")


def merge_existing(job, fields: dict) -> dict:
    """The review's fields with every proposed new initiative that now exists merged into it."""
    from initiatives.models import Initiative

    fields = dict(fields)
    for i in range(len(job.proposal["candidates"])):
        if fields.get(f"c-{i}-action") != "accept":
            continue
        same = Initiative.objects.filter(name__iexact=fields[f"c-{i}-name"]).first()
        if same is not None:
            fields[f"c-{i}-action"] = "merge"
            fields[f"c-{i}-merge_into"] = same.pk
    return fields


def reminder_thread(stop, figures) -> None:
    """Reminder runs fired again and again through Redis, as a beat that fires twice would."""
    from implementation.tasks import send_implementation_reminders
    from notifications.tasks import send_meeting_reminders, send_stale_reminders

    while not stop.is_set():
        for task in (send_stale_reminders, send_meeting_reminders, send_implementation_reminders):
            figures.add("reminder_runs", task.delay())
        stop.wait(3)


def count_emails(mail_dir: Path) -> list[str]:
    """Every message the file backend wrote (a file per connection, messages separated)."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                messages.append(chunk)
    return messages


def main() -> int:
    args = parse_args()
    # A CI timeout sends SIGTERM: stop the servers and workers on the way out (finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("FAIL: terminated"))
    work = Path(tempfile.mkdtemp(prefix="adgmin-two-"))
    mail_dir = work / "mail"
    mail_dir.mkdir()
    database_url = f"{args.server}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": args.redis_url,
        "CELERY_RESULT_BACKEND": args.redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "OUTBOX_DELIVERY_SECONDS": "5",
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    recreate_database(args.server, args.database)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    import django

    django.setup()
    import redis

    from tracker.celery import app

    redis.Redis.from_url(args.redis_url).flushdb()
    app.conf.update(task_always_eager=False, broker_url=args.redis_url)
    people = set_up_people()

    processes = Processes(env, work)
    bases = [f"http://127.0.0.1:{args.port + n}" for n in (0, 1)]
    figures = Figures()
    started = time.monotonic()
    try:
        for n, base in enumerate(bases):
            processes.start(f"web{n + 1}", "gunicorn", "tracker.wsgi:application", "--bind",
                            base.removeprefix("http://"), "--workers", "2", "--threads", "2",
                            "--log-level", "warning")  # fmt: skip
        for n in (1, 2):
            processes.start(f"worker{n}", "celery", "-A", "tracker", "worker", "--concurrency=2",
                            "--loglevel=INFO", "-n", f"two{n}@%h", "--without-gossip")  # fmt: skip
        processes.start("beat", "celery", "-A", "tracker", "beat", "--loglevel=INFO",
                        "--schedule", str(work / "celerybeat-schedule"))  # fmt: skip
        wait_until(lambda: all(answers(b) for b in bases), 90, "both web processes answering")
        wait_until(lambda: all("ready." in processes.log(f"worker{n}") for n in (1, 2)), 90,
                   "both workers ready")  # fmt: skip
        print(f"Two of everything: 2 gunicorn (2x2), 2 workers (2 each), beat; "
              f"{args.seconds:.0f} s of load; work files in {work}", flush=True)  # fmt: skip

        stop = threading.Event()
        threads = [
            threading.Thread(target=guarded(writer_thread, figures),
                             args=(n, bases, people["token"], people["targets"], stop, figures))
            for n in range(args.writers)
        ] + [
            threading.Thread(target=guarded(importer_thread, figures),
                             args=(n, bases[n], people["importers"][n], stop, figures))
            for n in (0, 1)
        ] + [
            threading.Thread(target=guarded(reminder_thread, figures), args=(stop, figures))
        ]  # fmt: skip
        load_started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        load_seconds = time.monotonic() - load_started

        # Drain: every outbox message delivered, every task run, the queue empty.
        from notifications.models import OutboxMessage

        wait_until(
            lambda: not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()
            and all(r.ready() for r in figures.reminder_runs)
            and redis.Redis.from_url(args.redis_url).llen("celery") == 0,
            args.drain_seconds, "the outbox and the queue draining",
        )  # fmt: skip
        time.sleep(6)  # one more outbox sweep: nothing may be sent twice
    finally:
        processes.stop()
    return report(figures, people, mail_dir, load_seconds, time.monotonic() - started)


def report(figures: Figures, people: dict, mail_dir: Path, load_seconds: float, total) -> int:
    from django.db.models import Count

    from initiatives.models import ImportJob, ProgressUpdate, Statement
    from notifications.models import OutboxMessage, ReminderLog

    failures = [f"a thread crashed: {crash}" for crash in figures.crashes]
    acknowledged = figures.acknowledged
    stored = Counter(
        ProgressUpdate.objects.filter(summary__startswith=MARK).values_list("summary", flat=True)
    )
    missing = [s for s in acknowledged if stored[s] != 1]
    extra = sum(stored.values()) - len(acknowledged)
    if missing or extra or figures.write_errors:
        failures.append(
            f"writes: {len(missing)} acknowledged not stored once, {extra} unacknowledged stored, "
            f"errors {dict(figures.write_errors)}"
        )
    twice = Statement.objects.values("checksum").annotate(n=Count("pk")).filter(n__gt=1)
    waiting = ImportJob.objects.filter(state__in=["pending", "parsing"]).count()
    if twice.exists() or waiting or figures.import_errors:
        failures.append(f"imports: {list(twice)} stored twice, {waiting} jobs waiting, errors "
                        f"{figures.import_errors}")  # fmt: skip
    lost = [r.id for r in figures.reminder_runs if not r.successful()]
    pending = OutboxMessage.objects.filter(delivered_at__isnull=True).count()
    if lost or pending:
        failures.append(f"tasks: {len(lost)} reminder runs not successful, {pending} outbox "
                        "messages undelivered")  # fmt: skip
    emails = count_emails(mail_dir)
    logs = Counter(ReminderLog.objects.values_list("kind", flat=True))
    per_write = Counter()
    for message in emails:
        for summary in acknowledged:
            if summary in message:
                per_write[summary] += 1
    notified_once = sum(1 for s in acknowledged if per_write[s] == 1)
    if len(emails) != sum(logs.values()):
        failures.append(f"emails: {len(emails)} sent for {sum(logs.values())} logged reminders")
    if notified_once != len(acknowledged) or logs["progress"] != len(acknowledged):
        failures.append(f"progress notices: {notified_once} of {len(acknowledged)} updates "
                        f"notified exactly once; {logs['progress']} logged")  # fmt: skip
    statements = Statement.objects.count()
    imported = statements - people["statements_before"]  # the demo holds the 3rd's already
    if logs["digest"] != imported * people["focal"]:
        failures.append(f"digests: {logs['digest']} for {imported} statements imported x "
                        f"{people['focal']} focal points")  # fmt: skip
    print(f"load {load_seconds:.0f} s (whole run {total:.0f} s)")
    print(f"progress updates: {len(acknowledged)} answered 201 "
          f"({len(acknowledged) / load_seconds:.1f}/s), {sum(stored.values())} stored, "
          f"{len(missing)} lost, {extra} extra, errors {dict(figures.write_errors)}")  # fmt: skip
    print(f"imports: {dict(figures.import_outcomes)}, {statements} statements stored "
          f"({imported} by this run), {twice.count()} stored twice, {waiting} jobs left waiting, "
          f"{len(figures.import_errors)} errors")  # fmt: skip
    print(f"reminder runs: {len(figures.reminder_runs)} fired, {len(lost)} not successful; "
          f"outbox: {OutboxMessage.objects.count()} messages, {pending} undelivered")  # fmt: skip
    print(f"emails: {len(emails)} sent, reminder log {dict(logs)}; progress notices exactly "
          f"once: {notified_once}/{len(acknowledged)}")  # fmt: skip
    for failure in failures:
        print("FAIL:", failure)
    print("PASS" if not failures else f"FAILED ({len(failures)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
