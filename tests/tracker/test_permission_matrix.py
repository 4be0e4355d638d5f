"""Every URL the project defines, requested by every persona with GET and POST.

The routes come from the URL resolver, so a new URL joins the matrix by itself and FAILS until
someone writes down what each persona should get: nothing passes by default.

Personas: anonymous, the focal point of the record's member state (Malaysia: the country note
used for /progress/<pk>/ is Malaysia's), the focal point of another state (Singapore), a
secretariat officer and an admin. Each request runs in a transaction that is rolled back, so
every persona meets the same records (a POST that withdraws a note withdraws it for itself only).
POSTs carry no data: allowed writes come back as the form with errors (200) or, for forms
without a required field, as the redirect after saving (302).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from briefings.models import BriefingBuild, BriefingFile
from implementation.models import ImplementationRecord, NationalScope
from initiatives.models import (
    DesiredOutcome,
    ImportJob,
    Initiative,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
    StatusRule,
)
from notifications.models import OutboxMessage, ReminderLog
from partners.models import Partner
from tests.factories import make_user
from tracker import permissions, roles

ANON, FOCAL_OWN, FOCAL_OTHER, OFFICER, ADMIN = (
    "anonymous",
    "focal point of the record's state",
    "focal point of another state",
    "officer",
    "admin",
)
PERSONAS = (ANON, FOCAL_OWN, FOCAL_OTHER, OFFICER, ADMIN)
LOGIN = 302  # LoginRequiredMiddleware sends anonymous visitors to the login page


# ---------------------------------------------------------------------------------------------
# The routes
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Route:
    pattern: str  # the full pattern, e.g. "initiatives/<slug:slug>/edit/"
    name: str | None  # "initiatives:edit"; None for unnamed routes

    def __str__(self) -> str:
        return f"{self.pattern} ({self.name or 'unnamed'})"


def all_routes() -> list[Route]:
    def walk(patterns, prefix: str, namespace: str | None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield Route(prefix + str(entry.pattern), name)

    return list(dict.fromkeys(walk(get_resolver().url_patterns, "", None)))


ROUTES = all_routes()


# ---------------------------------------------------------------------------------------------
# The records every persona meets
# ---------------------------------------------------------------------------------------------
@dataclass
class World:
    users: dict
    initiative: Initiative
    meeting: Meeting
    statement: Statement
    paragraph: Paragraph
    mention: Mention
    official_update: ProgressUpdate
    note: ProgressUpdate  # Malaysia's country note
    outcome: DesiredOutcome
    malaysia: object


def build_world() -> World:
    malaysia = Partner.objects.create(
        name="Malaysia", slug="malaysia", kind="member_state", country_code="MY"
    )
    singapore = Partner.objects.create(
        name="Singapore", slug="singapore", kind="member_state", country_code="SG"
    )
    admin_user = make_user("admin1", roles.ADMIN, is_staff=True, is_superuser=True)
    officer = make_user("officer1", roles.OFFICER)
    focal_my = make_user("focal_my", roles.FOCAL_POINT, malaysia)
    focal_sg = make_user("focal_sg", roles.FOCAL_POINT, singapore)
    meeting = Meeting.objects.create(
        series="ADGMIN", number=3, slug="adgmin-3", start_date=date(2023, 2, 9)
    )
    statement = Statement.objects.create(meeting=meeting, text="1. Text.", checksum="c" * 64)
    paragraph = Paragraph.objects.create(statement=statement, number=1, text="The Meeting ...")
    initiative = Initiative.objects.create(
        name="Digital Economy Framework Agreement", slug="defa", acronym="DEFA", owner=officer
    )
    mention = Mention.objects.create(
        meeting=meeting, paragraph=paragraph, initiative=initiative, status="preparing"
    )
    official = ProgressUpdate.objects.create(
        initiative=initiative,
        author=officer,
        date=date(2024, 1, 5),
        summary="Round 3.",
        status="preparing",
    )
    note = ProgressUpdate.objects.create(
        initiative=initiative,
        author=focal_my,
        date=date(2024, 2, 1),
        summary="Consulted.",
        member_state=malaysia,
    )
    outcome = DesiredOutcome.objects.create(masterplan=initiative, code="DO1", title="Recovery")
    # Member-state implementation: DEFA tracked per state, with Malaysia's record.
    NationalScope.objects.create(initiative=initiative)
    ImplementationRecord.objects.create(
        initiative=initiative, member_state=malaysia, stage="planning", as_of=date(2025, 1, 6)
    )
    # A briefing pack built for the meeting, with one file.
    build = BriefingBuild.objects.create(meeting=meeting, created_by=officer, state="ready")
    BriefingFile.objects.create(
        build=build, kind="pack_docx", filename="pack.docx", content_type="x", content=b"x", size=1
    )
    # One row for every model the admin lists, so each change page has something to open.
    StatusRule.objects.create(pattern="matrix test phrase", status="adopted")
    ImportJob.objects.create(created_by=officer, filename="s.md", content=b"x")
    OutboxMessage.objects.create(topic="progress_recorded", payload={"update_id": official.pk})
    ReminderLog.objects.create(user=officer, kind="stale", period="2024-W01")
    AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1", locked_out=False)
    Token.objects.create(user=officer)
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[initiative], action_flag=2, change_message="seeded"
    )
    users = {
        ANON: None,
        FOCAL_OWN: focal_my,
        FOCAL_OTHER: focal_sg,
        OFFICER: officer,
        ADMIN: admin_user,
    }
    return World(
        users,
        initiative,
        meeting,
        statement,
        paragraph,
        mention,
        official,
        note,
        outcome,
        malaysia,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The records, built once for the module in a transaction rolled back at its end.

    Each test (and each request inside it) runs in a savepoint within it, so nothing a test
    does reaches the next one.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# What each persona should get
# ---------------------------------------------------------------------------------------------
def by_role(focal_own, focal_other, officer, admin, anon=LOGIN) -> dict[str, int]:
    return {
        ANON: anon,
        FOCAL_OWN: focal_own,
        FOCAL_OTHER: focal_other,
        OFFICER: officer,
        ADMIN: admin,
    }


def everyone(status: int, anon: int = LOGIN) -> dict[str, int]:
    return by_role(status, status, status, status, anon)


@dataclass(frozen=True)
class Case:
    get: dict[str, int]
    post: dict[str, int]
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    label: str = ""


def read_page(kwargs=lambda w: {}, label="") -> Case:
    return Case(everyone(200), everyone(405), kwargs, label)


def officer_form(kwargs=lambda w: {}, label="") -> Case:
    """Officers and admins get the form; an empty POST comes back with errors."""
    return Case(by_role(403, 403, 200, 200), by_role(403, 403, 200, 200), kwargs, label)


INITIATIVE = lambda w: {"slug": w.initiative.slug}  # noqa: E731
MEETING = lambda w: {"slug": w.meeting.slug}  # noqa: E731
PARTNER = lambda w: {"slug": w.malaysia.slug}  # noqa: E731
NOTE = lambda w: {"pk": w.note.pk}  # noqa: E731
OFFICIAL = lambda w: {"pk": w.official_update.pk}  # noqa: E731
OFFICER_USER = lambda w: {"pk": w.users[OFFICER].pk}  # noqa: E731
IMPORT_JOB = lambda w: {"pk": ImportJob.objects.get().pk}  # noqa: E731
BUILD = lambda w: {"slug": w.meeting.slug, "pk": BriefingBuild.objects.get().pk}  # noqa: E731
IMPLEMENTATION = lambda w: {  # noqa: E731  (Malaysia's record on DEFA)
    "initiative_slug": w.initiative.slug,
    "state_slug": w.malaysia.slug,
}

PAGES: dict[str, list[Case]] = {
    # Read pages (browse engineer) and history / as-of pages: every role reads.
    "initiatives:home": [read_page()],
    "initiatives:list": [read_page()],
    "initiatives:matrix": [read_page()],
    "initiatives:export": [read_page(lambda w: {"fmt": "csv"})],
    "initiatives:detail": [read_page(INITIATIVE)],
    "initiatives:meeting_list": [read_page()],
    "initiatives:meeting_detail": [read_page(MEETING)],
    "initiatives:meeting_before": [read_page(MEETING)],
    "initiatives:meeting_changes": [read_page(lambda w: {**MEETING(w), "kind": "new"})],
    "partners:list": [read_page()],
    "partners:detail": [read_page(PARTNER)],
    "initiatives:history": [read_page(INITIATIVE)],
    "initiatives:meeting_history": [read_page(MEETING)],
    "partners:history": [read_page(PARTNER)],
    "initiatives:update_history": [
        read_page(NOTE, "Malaysia's note"),
        read_page(OFFICIAL, "official update"),
    ],
    "initiatives:as_of": [read_page()],
    # Search and help: every signed-in user reads them.
    "initiatives:search": [read_page()],
    "initiatives:help": [read_page()],
    # Tracking records: officers and admins only.
    "initiatives:create": [officer_form()],
    "initiatives:edit": [officer_form(INITIATIVE)],
    "initiatives:bulk_status": [officer_form()],
    "initiatives:progress_create": [officer_form(INITIATIVE)],
    "initiatives:meeting_create": [officer_form()],
    "initiatives:meeting_edit": [officer_form(MEETING)],
    "partners:create": [officer_form()],
    "partners:edit": [officer_form(PARTNER)],
    # Country notes: any focal point adds their own state's note; officers add any state's.
    "initiatives:note_create": [
        Case(by_role(200, 200, 200, 200), by_role(200, 200, 200, 200), INITIATIVE)
    ],
    # Editing and withdrawing: a note by its own state's focal point (or officers); an official
    # update by officers only. The empty withdrawal form is valid, so it withdraws (302).
    "initiatives:update_edit": [
        Case(by_role(200, 403, 200, 200), by_role(200, 403, 200, 200), NOTE, "Malaysia's note"),
        Case(by_role(403, 403, 200, 200), by_role(403, 403, 200, 200), OFFICIAL, "official"),
    ],
    "initiatives:update_withdraw": [
        Case(by_role(200, 403, 200, 200), by_role(302, 403, 302, 302), NOTE, "Malaysia's note"),
        Case(by_role(403, 403, 200, 200), by_role(403, 403, 302, 302), OFFICIAL, "official"),
    ],
    # Importing statements (importer engineer): officers only. The matrix's job is still
    # waiting to be parsed, so a review POST is sent back to its page (302).
    "initiatives:import_start": [officer_form()],
    "initiatives:import_detail": [Case(by_role(403, 403, 200, 200), everyone(405), IMPORT_JOB)],
    "initiatives:import_progress": [Case(by_role(403, 403, 200, 200), everyone(405), IMPORT_JOB)],
    "initiatives:import_review": [Case(everyone(405), by_role(403, 403, 302, 302), IMPORT_JOB)],
    "initiatives:import_discard": [Case(everyone(405), by_role(403, 403, 302, 302), IMPORT_JOB)],
    # Spreadsheet exchange (api engineer): officers only; an empty upload is refused (400);
    # confirming without a preview goes back to the exchange page (302). Cancelling only
    # forgets the user's own pending preview, so anyone may.
    "initiatives:exchange": [Case(by_role(403, 403, 200, 200), everyone(405))],
    "initiatives:exchange_export": [
        Case(
            by_role(403, 403, 200, 200),
            everyone(405),
            lambda w: {"name": "initiatives", "fmt": "csv"},
        )
    ],
    "initiatives:exchange_import": [Case(everyone(405), by_role(403, 403, 400, 400))],
    "initiatives:exchange_confirm": [Case(everyone(405), by_role(403, 403, 302, 302))],
    "initiatives:exchange_cancel": [Case(everyone(405), everyone(302))],
    # Feeds for feed readers (api engineer): a session or an API token; anonymous readers get
    # 401 rather than a login form.
    "initiatives:feed_status": [Case(everyone(200, anon=401), everyone(405, anon=405))],
    "initiatives:feed_meetings": [Case(everyone(200, anon=401), everyone(405, anon=405))],
    # Member-state implementation: everyone reads the grid, records and scorecards; a record is
    # written by its own state's focal point and officers (an empty POST is the form with
    # errors); only officers verify (302 back to the record) and query (the form with errors);
    # an empty scope POST names no initiative and goes back to the grid.
    "implementation:grid": [read_page()],
    "implementation:export": [read_page(lambda w: {"fmt": "csv"})],
    "implementation:scorecard": [read_page(PARTNER)],
    "implementation:record": [
        Case(everyone(200), by_role(200, 403, 200, 200), IMPLEMENTATION, "Malaysia's record")
    ],
    "implementation:verify": [Case(everyone(405), by_role(403, 403, 302, 302), IMPLEMENTATION)],
    "implementation:query": [officer_form(IMPLEMENTATION)],
    "implementation:scope": [Case(everyone(405), by_role(403, 403, 302, 302))],
    # The records as a spreadsheet: everyone downloads; every writer may upload, and an empty
    # upload is refused (400).
    "implementation:records_export": [read_page(lambda w: {"fmt": "csv"})],
    "implementation:upload": [Case(everyone(405), by_role(400, 400, 400, 400))],
    # Briefing packs: every role reads the pack and downloads its files; officers and admins
    # build (the empty form builds the whole pack: 302 to the build's page).
    "briefings:pack": [read_page(MEETING)],
    "briefings:print": [read_page(MEETING)],
    "briefings:build_start": [Case(everyone(405), by_role(403, 403, 302, 302), MEETING)],
    "briefings:build": [read_page(BUILD)],
    "briefings:build_progress": [read_page(BUILD)],
    "briefings:download": [read_page(lambda w: {**BUILD(w), "kind": "pack_docx"})],
    # Everyone's own API token: shown on GET, replaced on POST.
    "initiatives:api_access": [Case(everyone(200), everyone(302))],
    # Users and roles: admins only.
    "accounts:list": [Case(by_role(403, 403, 403, 200), everyone(405))],
    "accounts:create": [Case(by_role(403, 403, 403, 200), by_role(403, 403, 403, 200))],
    "accounts:edit": [Case(by_role(403, 403, 403, 200), by_role(403, 403, 403, 200), OFFICER_USER)],
    "accounts:password": [
        Case(by_role(403, 403, 403, 200), by_role(403, 403, 403, 200), OFFICER_USER)
    ],
    # Everyone's own email preferences; the empty form is valid (all reminders off).
    "preferences": [Case(everyone(200), everyone(302))],
    # django.contrib.auth: the login and password-reset pages are open to anonymous visitors.
    "login": [Case(everyone(200, anon=200), everyone(200, anon=200))],
    "logout": [Case(everyone(405), everyone(302))],
    "password_change": [Case(everyone(200), everyone(200))],
    "password_change_done": [Case(everyone(200), everyone(405))],
    "password_reset": [Case(everyone(200, anon=200), everyone(200, anon=200))],
    "password_reset_done": [Case(everyone(200, anon=200), everyone(405, anon=405))],
    "password_reset_confirm": [
        Case(
            everyone(200, anon=200),
            everyone(200, anon=200),
            lambda w: {"uidb64": "MQ", "token": "bad-token"},
        )
    ],
    "password_reset_complete": [Case(everyone(200, anon=200), everyone(405, anon=405))],
}


# The REST API (api engineer): reads for every role, writes by the tracker's rules.
API_RECORDS: dict[str, tuple[str, Callable[[World], dict]]] = {
    # basename: (write rule, lookup kwargs of a detail route)
    "partner": ("officers", PARTNER),
    "meeting": ("officers", MEETING),
    "statement": ("officers", lambda w: {"pk": w.statement.pk}),
    "paragraph": ("read-only", lambda w: {"pk": w.paragraph.pk}),
    "initiative": ("officers", INITIATIVE),
    "outcome": ("read-only", lambda w: {"pk": w.outcome.pk}),
    "mention": ("officers", lambda w: {"pk": w.mention.pk}),
    "progressupdate": ("notes", NOTE),
    # Focal points create their own state's records: an empty POST is a 400 for every writer.
    "implementationrecord": (
        "notes",
        lambda w: {"pk": ImplementationRecord.objects.get(member_state=w.malaysia).pk},
    ),
}


def api_everyone(status: int) -> dict[str, int]:
    # The API answers anonymous requests itself, with 401 rather than a login redirect.
    return everyone(status, anon=401)


def api_by_role(focal_own, focal_other, officer, admin) -> dict[str, int]:
    return by_role(focal_own, focal_other, officer, admin, anon=401)


def api_cases(route: Route) -> list[Case] | None:
    name = route.name.removeprefix("api:")
    with_format = "format" in route.pattern
    fmt = {"format": "json"} if with_format else {}
    if name in ("schema", "docs", "redoc"):
        return [Case(api_everyone(200), api_everyone(405))]
    if name == "token":
        # Trading a password for a token is for anyone; an empty POST is a 400.
        return [Case(everyone(405, anon=405), everyone(400, anon=400))]
    if name == "meeting-changes":
        # The comparison with the previous meeting: a read for every role; the viewset's write
        # rule answers a POST before the method does.
        post = api_by_role(403, 403, 405, 405)
        return [Case(api_everyone(200), post, lambda w: {**MEETING(w), **fmt})]
    if name == "meeting-briefing":
        return [Case(api_everyone(200), api_everyone(405), MEETING)]
    if name == "api-root":
        return [Case(api_everyone(200), api_everyone(405), lambda w: dict(fmt))]
    if name == "progressupdate-withdraw":
        # Withdrawing Malaysia's note: its own focal point and officers; reads are refused.
        return [
            Case(
                api_everyone(405),
                api_by_role(200, 403, 200, 200),
                lambda w: {**NOTE(w), **fmt},
                "Malaysia's note",
            )
        ]
    basename, _, kind = name.rpartition("-")
    if basename not in API_RECORDS:
        return None
    rule, lookup = API_RECORDS[basename]
    if kind == "list":
        post = {
            "read-only": api_everyone(405),
            "officers": api_by_role(403, 403, 400, 400),
            "notes": api_by_role(400, 400, 400, 400),
        }[rule]
        return [Case(api_everyone(200), post, lambda w: dict(fmt))]
    if kind == "detail":
        post = api_by_role(403, 403, 405, 405) if rule == "officers" else api_everyone(405)
        return [Case(api_everyone(200), post, lambda w: {**lookup(w), **fmt})]
    return None


# Admin pages of logs: (GET, POST) statuses of their add and change pages for the admin.
READ_ONLY_ADMIN = {
    # Built from the pack page; an empty POST lacks its files' inline form and comes back (200).
    "briefings.BriefingBuild": {"_add": (403, 403), "_change": (200, 200)},
    "notifications.OutboxMessage": {"_add": (403, 403), "_change": (200, 302)},
    "notifications.ReminderLog": {"_add": (403, 403), "_change": (200, 403)},
    "axes.AccessAttempt": {"_add": (403, 403), "_change": (200, 302)},
    "axes.AccessLog": {"_add": (403, 403), "_change": (200, 302)},
    "axes.AccessFailureLog": {"_add": (403, 403), "_change": (200, 302)},
}


def _admin_model(route: Route):
    match = re.match(r"admin/(\w+)/(\w+)/", route.pattern)
    return apps.get_model(match.group(1), match.group(2)) if match else None


def _first_pk(model):
    if model._meta.label == "authtoken.TokenProxy":
        return model._default_manager.values_list("user_id", flat=True).first()  # DRF's admin
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def admin_cases(route: Route) -> list[Case] | None:
    """Django admin: staff only (non-staff are sent to the admin login); the admin may use it."""
    staff_only = lambda admin_get, admin_post, kwargs=lambda w: {}: Case(  # noqa: E731
        by_role(302, 302, 302, admin_get), by_role(302, 302, 302, admin_post), kwargs
    )
    name = route.name or ""
    if route.pattern == "admin/(?P<url>.*)$":
        return [staff_only(404, 404, lambda w: {"url": "no-such-page/"})]
    if name == "admin:login":
        # The admin login page itself: shown to everyone; a signed-in admin is sent on.
        return [Case(by_role(200, 200, 200, 302, anon=200), everyone(200, anon=200))]
    if name == "admin:logout":
        # Logging out is a POST (then the login page); a GET is refused, for staff with a 405.
        return [Case(by_role(302, 302, 302, 405), everyone(302))]
    if name in ("admin:index", "admin:password_change"):
        return [staff_only(200, 200)]
    if name in ("admin:password_change_done", "admin:jsi18n"):
        return [staff_only(200, 405)]
    if name == "admin:autocomplete":
        return [staff_only(403, 405)]  # no field or model named: refused
    if name == "admin:auth_user_password_change":
        return [staff_only(200, 200, lambda w: {"id": w.users[OFFICER].pk})]
    if name == "admin:app_list":
        return [staff_only(200, 200, lambda w: {"app_label": "initiatives"})]
    if name == "admin:view_on_site":
        return [
            staff_only(
                302,
                302,
                lambda w: {
                    "content_type_id": ContentType.objects.get_for_model(Initiative).pk,
                    "object_id": w.initiative.pk,
                },
            )
        ]
    model = _admin_model(route)
    if model is None:
        return None
    pk = lambda w: {"object_id": _first_pk(model)}  # noqa: E731
    label = model._meta.label
    if label in READ_ONLY_ADMIN and name.endswith(("_add", "_change")):
        # Logs written by the application: nobody adds one by hand; a change form shows the
        # entry read-only and an empty POST saves nothing (302) or is refused (403).
        add_or_change = "_add" if name.endswith("_add") else "_change"
        get, post = READ_ONLY_ADMIN[label][add_or_change]
        return [staff_only(get, post, pk if add_or_change == "_change" else lambda w: {})]
    if name.endswith("_simple_history"):
        # One historical version of a record (django-simple-history), by positional arguments.
        version = lambda w: {  # noqa: E731
            "_args": list(model.history.order_by("history_id").values_list("id", "history_id")[0])
        }
        return [staff_only(200, 200, version)]
    if name.endswith("_changelist"):
        return [staff_only(200, 200)]
    if name.endswith("_add"):
        return [staff_only(200, 200)]
    if name.endswith(("_change", "_delete", "_history")):
        return [staff_only(200, 200, pk)]
    if not route.name and route.pattern.endswith("<path:object_id>/"):
        # The old-style object URL, kept by Django as a redirect to the change page.
        return [staff_only(302, 302, pk)]
    return None


def expectations(route: Route) -> list[Case] | None:
    if route.pattern.startswith("admin/"):
        return admin_cases(route)
    if route.name and route.name.startswith("api:"):
        return api_cases(route)
    return PAGES.get(route.name)


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------
def concrete_path(route: Route, kwargs: dict) -> str:
    if route.name and "_args" in kwargs:
        return reverse(route.name, args=kwargs["_args"])
    if route.name:
        return reverse(route.name, kwargs=kwargs or None)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route.pattern)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


class Visitor:
    """A persona's browser: signed in once, signed in again if a request logged it out."""

    def __init__(self, user):
        self.user = user
        self.client = Client()

    def request(self, method: str, path: str) -> int:
        """One request in a transaction that is rolled back afterwards."""
        cookie = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        if self.user is not None and not (cookie and cookie.value):
            self.client.force_login(self.user)
        with transaction.atomic():
            response = getattr(self.client, method.lower())(path)
            transaction.set_rollback(True)
        return response.status_code


def run_matrix(world: World, route: Route, cases: list[Case], *, personas=PERSONAS):
    visitors = {persona: Visitor(world.users[persona]) for persona in personas}
    mismatches, count = [], 0
    for case in cases:
        path = concrete_path(route, case.kwargs(world))
        for method, expected in (("GET", case.get), ("POST", case.post)):
            for persona in personas:
                got = visitors[persona].request(method, path)
                count += 1
                if got != expected[persona]:
                    mismatches.append(
                        f"{method} {path} {case.label} as {persona}: "
                        f"expected {expected[persona]}, got {got}"
                    )
    return mismatches, count


def _id(route: Route) -> str:
    return route.name and f"{route.name}:{route.pattern}" or route.pattern


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_every_persona_gets_the_expected_status(world, route):
    cases = expectations(route)
    assert cases, (
        f"No expectation for {route}. Add what anonymous visitors, both focal points, officers "
        "and admins should get (GET and POST) to tests/tracker/test_permission_matrix.py."
    )
    mismatches, _ = run_matrix(world, route, cases)
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_public_read_only_mode_opens_only_the_read_pages(world, route):
    """With PUBLIC_READ_ONLY on, anonymous visitors may GET the public read pages, nothing more."""
    cases = expectations(route)
    assert cases, f"No expectation for {route}"
    public = route.name in permissions.PUBLIC_READ_VIEWS
    opened = [
        Case(
            {**case.get, ANON: 200 if public else case.get[ANON]},
            {**case.post, ANON: case.post[ANON]},
            case.kwargs,
            case.label,
        )
        for case in cases
    ]
    with override_settings(PUBLIC_READ_ONLY=True):
        mismatches, _ = run_matrix(world, route, opened, personas=(ANON,))
    assert not mismatches, "\n".join(mismatches)


def test_the_matrix_covers_every_route_and_the_public_list_names_real_pages():
    names = {route.name for route in ROUTES}
    assert names >= permissions.PUBLIC_READ_VIEWS
    assert len(ROUTES) > 100
    assert not [route for route in ROUTES if expectations(route) is None]
