"""What the implementation pages look up by address, and how they hand out a file."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from initiatives.models import Initiative
from partners.models import Partner
from tracker.spreadsheet import CSV_TYPE, XLSX_TYPE

from ..models import ImplementationRecord

CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}


def member_state(slug: str) -> Partner:
    return get_object_or_404(Partner.objects.member_states(), slug=slug)


def tracked_initiative(slug: str) -> Initiative:
    return get_object_or_404(
        Initiative.objects.filter(national_scope__implemented_nationally=True), slug=slug
    )


def existing_record(initiative_slug: str, state_slug: str) -> ImplementationRecord:
    initiative = tracked_initiative(initiative_slug)
    state = member_state(state_slug)
    return get_object_or_404(
        ImplementationRecord.objects.select_related("initiative", "member_state"),
        initiative=initiative,
        member_state=state,
    )


def known_format(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise Http404("Unknown export format")
    return fmt


def attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    """A CSV or XLSX download named `name`.`fmt`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
