"""python manage.py benchmark_briefing: time a briefing pack on the benchmark's synthetic data.

Runs on the configured database, which must be a throwaway one: with --dataset it is filled
with the benchmark's records first (initiatives.benchmark.dataset). Then, for the planned meeting,
it times and counts the queries of reading the pack, the skeleton, the page, and a whole build
(Word, skeleton Word and PDF), and prints one JSON line.

    DATABASE_URL=sqlite:////tmp/briefing-bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/briefing-bench.sqlite3 \\
        python manage.py benchmark_briefing --dataset medium
"""

import json
import os
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from briefings import services
from briefings.models import BriefingBuild
from briefings.selectors import briefing_pack
from briefings.skeleton import statement_skeleton
from initiatives.importer.selectors import status_rules
from initiatives.models import Initiative, Meeting


def _timed(function):
    """(result, wall ms, CPU ms of this process, queries): on a shared machine the CPU time
    says what the work costs, the wall time what a user waited."""
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return result, round(elapsed * 1000), round(cpu * 1000), len(queries)


class Command(BaseCommand):
    help = "Time the briefing pack of the planned meeting (on a throwaway database)."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=["small", "medium", "large"], default="")

    def handle(self, *args, **options):
        from initiatives.benchmark.dataset import SIZES, build

        if options["dataset"]:
            if Initiative.objects.exists():
                raise CommandError("The database already holds initiatives: use a throwaway one.")
            build(SIZES[options["dataset"]])
        meeting = Meeting.objects.filter(is_planned=True).order_by("start_date").first()
        if meeting is None:
            raise CommandError("No planned meeting: run with --dataset on an empty database.")
        officer = get_user_model().objects.filter(is_superuser=True).first()

        pack, pack_ms, pack_cpu, pack_queries = _timed(lambda: briefing_pack(meeting))
        _, skeleton_ms, skeleton_cpu, _ = _timed(lambda: statement_skeleton(pack, status_rules()))
        client = Client()
        client.force_login(officer)
        url = f"/meetings/{meeting.slug}/briefing/"
        with override_settings(ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
            client.get(url)  # warm-up: sessions, content types
            response, page_ms, page_cpu, page_queries = _timed(lambda: client.get(url))
        build = BriefingBuild.objects.create(meeting=meeting, created_by=officer)
        build, build_ms, build_cpu, build_queries = _timed(lambda: services.build_run(build=build))
        sizes = {f.kind: f.size for f in build.files.all()}
        self.stdout.write(
            json.dumps(
                {
                    "database": connection.vendor,
                    "meeting": meeting.slug,
                    "initiatives_in_scope": len(pack.initiatives),
                    "pack_ms": pack_ms,
                    "pack_cpu_ms": pack_cpu,
                    "pack_queries": pack_queries,
                    "skeleton_ms": skeleton_ms,
                    "skeleton_cpu_ms": skeleton_cpu,
                    "page_status": response.status_code,
                    "page_ms": page_ms,
                    "page_cpu_ms": page_cpu,
                    "page_queries": page_queries,
                    "build_state": build.state,
                    "build_ms": build_ms,
                    "build_cpu_ms": build_cpu,
                    "load_average": round(os.getloadavg()[0], 1),
                    "build_queries": build_queries,
                    "file_bytes": sizes,
                }
            )
        )
