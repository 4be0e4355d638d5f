"""Read-only tracking screens: dashboard, initiative list and exports, matrix, detail, meetings."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from tracker import permissions, roles
from tracker.history import record_history
from tracker.spreadsheet import CSV_TYPE, XLSX_TYPE, Sheet, csv_bytes, xlsx_bytes

from .. import selectors
from ..choices import InitiativeKind, PartnerRole, Status
from ..filtersets import InitiativeFilterSet
from ..models import Meeting, format_period
from ..selectors import partners as partner_selectors
from ..selectors.before import meeting_status_summaries

PAGE_SIZE = 25
# The matrix renders a cell per initiative and meeting: a page of 100 rows prints on a few
# sheets and renders fast however many initiatives the tracker holds.
MATRIX_PAGE_SIZE = 100
XLSX_WIDTHS = {"A": 48, "B": 14, "C": 18, "D": 14, "G": 16, "H": 36, "J": 30, "N": 34, "P": 50}


def _filterset(request) -> InitiativeFilterSet:
    return InitiativeFilterSet(request.GET or None, request=request)


@require_GET
def home(request):
    state = roles.member_state_of(request.user) if roles.is_focal_point(request.user) else None
    meetings = selectors.meetings_at_a_glance()
    latest = meetings.latest_held
    overdue, upcoming = selectors.expected_dates()
    counts = selectors.status_counts()
    context = {
        "status_rows": counts.rows,
        "comparison": (
            selectors.meeting_comparison(latest, previous=meetings.previous) if latest else None
        ),
        "stale": list(selectors.stale_initiatives()),
        "stale_total": counts.stale,
        "stale_days": settings.STALE_AFTER_DAYS,
        "overdue": overdue,
        "upcoming": upcoming,
        "next_meeting": meetings.next_planned,
        "updates": selectors.recent_updates(),
        "member_state": state,
    }
    if state is not None:
        context["country_notes"] = selectors.recent_updates(member_state=state, limit=5)
        context["named_items"] = partner_selectors.initiatives_naming(state, limit=15)
        if not context["named_items"]:
            # Paragraphs can name a state without mentioning an initiative: the empty state
            # says so, as the state's page lists them (one more query, only when empty).
            context["naming_paragraphs"] = partner_selectors.paragraphs_naming(state).count()
    return render(request, "initiatives/home.html", context)


@require_GET
def initiative_list(request):
    filterset = _filterset(request)
    page = Paginator(filterset.qs_or_none(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/initiative_list.html",
        {"filter": filterset, "page": page, "initiatives": page.object_list},
    )


EXPORT_HEADERS = [
    "Name",
    "Acronym",
    "Kind",
    "Status",
    "Status since",
    "Period",
    "Lead body",
    "Partners (role)",
    "ADM 2025 outcomes",
    "Part of",
    "Expected",
    "Mentions",
    "Last mentioned",
    "Evidence",
    "Last progress update",
    "Link",
]


def _export_rows(request, queryset) -> Iterator[list]:
    # Labels made plain strings once: each is a lazy translation, costly to read per row.
    kinds = {value: str(label) for value, label in InitiativeKind.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    roles = {value: str(label).lower() for value, label in PartnerRole.choices}
    # One reverse() for all rows, and the host added once.
    site = request.build_absolute_uri("/")[:-1]
    detail_url = selectors.slug_url_maker("initiatives:detail")
    for row in selectors.initiatives_for_export(queryset):
        # In the order of selectors.EXPORT_FIELDS.
        (_, slug, name, acronym, kind, status, status_changed_on, period_start, period_end,
         parent_name, expected_text, expected_date, mention_count, last_mentioned_on,
         last_update_on, _, _) = row.values  # fmt: skip
        yield [
            name,
            acronym,
            kinds.get(kind, kind),
            statuses.get(status, status),
            status_changed_on,
            format_period(period_start, period_end),
            row.lead_body,
            "; ".join(f"{label} ({roles[role]})" for label, role in row.partners),
            ", ".join(row.outcomes),
            parent_name or "",
            expected_text or expected_date,
            mention_count,
            last_mentioned_on,
            row.evidence,
            last_update_on,
            site + detail_url(slug),
        ]


EXPORT_NAME_MAX = 120


def _export_name(extension: str, filterset: InitiativeFilterSet | None = None) -> str:
    """initiatives[-what it is filtered by]-<date>.<ext>: initiatives-partner-japan-2026-12-02.csv.

    Each filter in use adds its name and values as the URL writes them (slugs, codes), so two
    exports of different selections never share a name.
    """
    parts = ["initiatives"]
    if filterset is not None and filterset.is_bound:
        for name in filterset.form.fields:
            if name == "ordering":
                continue
            values = [v for v in filterset.data.getlist(name) if v.strip()]
            if values:
                parts.append(slugify(" ".join([name, *values])))
    stem = "-".join(p for p in parts if p)[:EXPORT_NAME_MAX].rstrip("-")
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_GET
def initiative_export(request, fmt: str):
    """Exactly the filtered (and sorted) list, without pagination, as CSV or XLSX."""
    filterset = _filterset(request)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        )
        return HttpResponseBadRequest(
            f"The filters are not valid ({problems}).", content_type="text/plain; charset=utf-8"
        )
    rows = _export_rows(request, filterset.qs)
    if fmt == "csv":
        body, content_type = csv_bytes(EXPORT_HEADERS, rows), CSV_TYPE
    elif fmt == "xlsx":
        sheet = Sheet("Initiatives", EXPORT_HEADERS, rows, widths=XLSX_WIDTHS)
        body, content_type = xlsx_bytes([sheet]), XLSX_TYPE
    else:
        raise Http404("Unknown export format")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_export_name(fmt, filterset)}"'
    return response


@require_GET
def initiative_matrix(request):
    filterset = _filterset(request)
    page = Paginator(filterset.qs_or_none(), MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    matrix = selectors.status_matrix(list(page.object_list))
    return render(
        request, "initiatives/matrix.html", {"filter": filterset, "matrix": matrix, "page": page}
    )


def _found(load, slug: str, not_found: str):
    """The record a detail selector loads by slug, or a 404 when there is none."""
    try:
        return load(slug)
    except ObjectDoesNotExist as exc:
        raise Http404(not_found) from exc


@require_GET
def initiative_detail(request, slug: str):
    initiative = _found(selectors.initiative_for_detail, slug, "No such initiative")
    updates = selectors.initiative_updates(initiative)
    for update in updates:
        update.can_change = permissions.can_change_update(request.user, update)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "timeline": selectors.initiative_timeline(initiative, updates),
            "progress_updates": [u for u in updates if not u.is_country_note],
            "country_notes": [u for u in updates if u.is_country_note],
            "history": record_history(initiative, limit=50),
            "can_edit": permissions.can_edit_records(request.user),
            "can_add_note": permissions.can_add_note(request.user),
        },
    )


@require_GET
def meeting_list(request):
    meetings = list(
        selectors.meetings_in_order().order_by("-is_planned", "-start_date", "series", "-number")
    )
    said = meeting_status_summaries([m.pk for m in meetings])
    for meeting in meetings:
        meeting.said = said.get(meeting.pk, [])
    return render(request, "initiatives/meeting_list.html", {"meetings": meetings})


@require_GET
def meeting_detail(request, slug: str):
    meeting = _found(selectors.meeting_with_paragraphs, slug, "No such meeting")
    comparison = selectors.meeting_comparison(meeting)
    reports = selectors.unsourced_mentions(meeting)
    return render(
        request,
        "initiatives/meeting_detail.html",
        {
            "meeting": meeting,
            "comparison": comparison,
            "next_in_series": selectors.next_meeting_in_series(meeting),
            "report_mentions": reports,
            "reports_for_review": [m for m in reports if m.needs_review],
            "can_edit": permissions.can_edit_records(request.user),
        },
    )


CHANGES_PAGE_SIZE = 100


@require_GET
def meeting_changes(request, slug: str, kind: str):
    """Every change of one kind at a meeting, a page at a time: the meeting page lists the first."""
    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None or kind not in selectors.CHANGE_KINDS:
        raise Http404("No such meeting or kind of change")
    comparison = selectors.meeting_comparison(meeting)
    page = Paginator(comparison.groups[kind], CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/meeting_changes.html",
        {
            "meeting": meeting,
            "comparison": comparison,
            "kind": kind,
            "label": selectors.CHANGE_LABELS[kind],
            "page": page,
            "changes": page.object_list,
        },
    )
