"""The exchange format: sheets, columns, and how a value travels between a record and a cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from partners.choices import PartnerKind
from partners.models import Partner
from tracker.security import sanitize_rich_text

from ..choices import InitiativeKind, PartnerRole, Status
from ..models import DesiredOutcome, Initiative, InitiativePartner, ProgressUpdate

LIST_SEPARATOR = " | "
MAX_ROWS = 20_000  # per sheet: far beyond any real register, short of exhausting memory
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, unknown columns, no rows)."""


class CellError(ValueError):
    """One cell's value is not acceptable; the message says why, for the uploader."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text, choice, date, int, lines, url, ref, roles, outcomes, user
    required: bool = False
    read_only: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    low: int | None = None
    high: int | None = None
    max_length: int | None = None
    help: str = ""


def _choices(enum) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in enum.choices)


YEAR = {"low": 1967, "high": 2100}

PARTNER_COLUMNS = (
    Column("slug", help="Identifies the partner; a new slug adds a partner."),
    Column("name", required=True, max_length=300),
    Column("short_name", max_length=60),
    Column("kind", "choice", required=True, choices=_choices(PartnerKind)),
    Column("parent", "ref", help="Slug of the partner it belongs to."),
    Column("country_code", max_length=2),
    Column("member_since", "date"),
    Column("aliases", "lines", help="Other names used in statements, separated by |."),
    Column("website", "url", max_length=200),
    Column("description"),
)
INITIATIVE_COLUMNS = (
    Column("slug", help="Identifies the initiative; a new slug adds an initiative."),
    Column("name", required=True, max_length=300),
    Column("acronym", max_length=40),
    Column("kind", "choice", required=True, choices=_choices(InitiativeKind)),
    Column("status", read_only=True, help="Follows mentions and progress updates."),
    Column("status_changed_on", "date", read_only=True),
    Column("period_start", "int", **YEAR),
    Column("period_end", "int", **YEAR),
    Column("expected_date", "date"),
    Column("expected_text", max_length=100),
    Column("lead_body", "ref", help="Partner slug."),
    Column("partners", "roles", help='Partner roles: "japan:funder | adgsom:lead".'),
    Column("work_plan_partner", "ref", help="Partner slug."),
    Column("work_plan_year", "int", **YEAR),
    Column("parent", "ref", help="Slug of the initiative it is part of."),
    Column("outcomes", "outcomes", help='Desired outcomes served: "adm-2025:DO1 | adm-2025:DO6".'),
    Column("owner", "user", help="Username of the officer who follows it."),
    Column("aliases", "lines", help="Other names used in statements, separated by |."),
    Column("sources", "lines"),
    Column("description"),
)
PROGRESS_COLUMNS = (
    Column("id", "int", low=1, help="Identifies the update; leave blank to add one."),
    Column("initiative", "ref", required=True, help="Initiative slug."),
    Column("date", "date", required=True),
    Column("status", "choice", choices=_choices(Status), help="Blank: no change of status."),
    Column("percent_complete", "int", low=0, high=100),
    Column("summary", required=True),
    Column("evidence_url", "url", max_length=500),
    Column("member_state", "ref", help="Member-state slug for a country note."),
    Column("author", read_only=True),
    Column("withdrawn_at", read_only=True),
)


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    key: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PARTNERS = Sheet("partners", "Partners", "slug", PARTNER_COLUMNS)
INITIATIVES = Sheet("initiatives", "Initiatives", "slug", INITIATIVE_COLUMNS)
PROGRESS = Sheet("progress_updates", "Progress updates", "id", PROGRESS_COLUMNS)
SHEETS = {sheet.name: sheet for sheet in (PARTNERS, INITIATIVES, PROGRESS)}


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def record_values(sheet: Sheet, obj) -> dict[str, Any]:
    """The cells of one record, as typed values (dates stay dates, numbers stay numbers)."""
    if sheet is PARTNERS:
        return {
            "slug": obj.slug,
            "name": obj.name,
            "short_name": obj.short_name,
            "kind": obj.kind,
            "parent": obj.parent.slug if obj.parent_id else "",
            "country_code": obj.country_code,
            "member_since": obj.member_since,
            "aliases": LIST_SEPARATOR.join(obj.alias_list),
            "website": obj.website,
            "description": obj.description,
        }
    if sheet is INITIATIVES:
        roles = sorted(
            (r.partner.slug, r.role) for r in obj.partner_roles.all()
        )  # prefetched with their partners
        outcomes = sorted((o.masterplan.slug, o.code) for o in obj.outcomes.all())
        return {
            "slug": obj.slug,
            "name": obj.name,
            "acronym": obj.acronym,
            "kind": obj.kind,
            "status": obj.status,
            "status_changed_on": obj.status_changed_on,
            "period_start": obj.period_start,
            "period_end": obj.period_end,
            "expected_date": obj.expected_date,
            "expected_text": obj.expected_text,
            "lead_body": obj.lead_body.slug if obj.lead_body_id else "",
            "partners": LIST_SEPARATOR.join(f"{slug}:{role}" for slug, role in roles),
            "work_plan_partner": obj.work_plan_partner.slug if obj.work_plan_partner_id else "",
            "work_plan_year": obj.work_plan_year,
            "parent": obj.parent.slug if obj.parent_id else "",
            "outcomes": LIST_SEPARATOR.join(f"{plan}:{code}" for plan, code in outcomes),
            "owner": obj.owner.get_username() if obj.owner_id else "",
            "aliases": LIST_SEPARATOR.join(obj.alias_list),
            "sources": LIST_SEPARATOR.join(_lines(obj.sources)),
            "description": obj.description,
        }
    return {
        "id": obj.pk,
        "initiative": obj.initiative.slug,
        "date": obj.date,
        "status": obj.status,
        "percent_complete": obj.percent_complete,
        "summary": obj.summary,
        "evidence_url": obj.evidence_url,
        "member_state": obj.member_state.slug if obj.member_state_id else "",
        "author": obj.author.get_username() if obj.author_id else "",
        "withdrawn_at": obj.withdrawn_at.isoformat() if obj.withdrawn_at else "",
    }


def cell_text(value) -> str:
    """A value as CSV writes it, and as the import compares it."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def querysets(initiatives: models.QuerySet | None = None) -> dict[str, models.QuerySet]:
    """What an export writes, with every relation a row needs loaded up front."""
    initiatives = Initiative.objects.all() if initiatives is None else initiatives
    return {
        "partners": Partner.objects.select_related("parent").order_by("name", "pk"),
        "initiatives": initiatives.select_related(
            "lead_body", "work_plan_partner", "parent", "owner"
        )
        .prefetch_related(
            models.Prefetch(
                "partner_roles", queryset=InitiativePartner.objects.select_related("partner")
            ),
            models.Prefetch(
                "outcomes", queryset=DesiredOutcome.objects.select_related("masterplan")
            ),
        )
        .order_by("name", "pk"),
        "progress_updates": ProgressUpdate.objects.select_related(
            "initiative", "member_state", "author"
        ).order_by("initiative__name", "date", "pk"),
    }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    return str(value)


def _parse_date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError(f'"{value}" has a time of day; write a date as YYYY-MM-DD.')
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise CellError(f'"{text}" is not a date; write it as YYYY-MM-DD.')
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CellError(f'"{text}" is not a date of the calendar.') from error


def _parse_int(value, column: Column) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(f'"{value}" is not a whole number.')
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f'"{value}" is not a whole number.')
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = _text(value).strip()
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise CellError(f'"{text}" is not a whole number.')
        number = int(text)
    if column.low is not None and number < column.low:
        raise CellError(f"{number} is below {column.low}.")
    if column.high is not None and number > column.high:
        raise CellError(f"{number} is above {column.high}.")
    return number


def _parse_choice(value, column: Column) -> str:
    text = _text(value).strip()
    if not text:
        return ""
    for code, label in column.choices:
        if text.casefold() in (code.casefold(), label.casefold()):
            return code
    allowed = ", ".join(code for code, _ in column.choices)
    raise CellError(f'"{text}" is not one of: {allowed}.')


def _parse_url(value, column: Column) -> str:
    from django.core.validators import URLValidator

    text = _text(value).strip()
    if text:
        try:
            URLValidator()(text)
        except ValidationError as error:
            raise CellError(f'"{text}" is not a web address (http:// or https://).') from error
    return text


def _parse_pairs(value, what: str) -> list[tuple[str, str]]:
    pairs = []
    for part in _split(_text(value)):
        left, _, right = part.partition(":")
        if not left.strip() or (what == "outcome" and not right.strip()):
            expected = "partner-slug:role" if what == "role" else "masterplan-slug:code"
            raise CellError(f'"{part}" should read {expected}.')
        pairs.append((left.strip(), right.strip()))
    return sorted(set(pairs))


def parse_cell(column: Column, value) -> Any:
    """A cell's value as the record holds it; CellError says what is wrong with it."""
    if column.kind == "date":
        return _parse_date(value)
    if column.kind == "int":
        return _parse_int(value, column)
    if column.kind == "choice":
        return _parse_choice(value, column)
    if column.kind == "url":
        return _parse_url(value, column)
    if column.kind == "lines":
        return "\n".join(_split(_text(value)))
    if column.kind == "roles":
        pairs = _parse_pairs(value, "role")
        roles = {code for code, _ in _choices(PartnerRole)}
        out = []
        for slug, role in pairs:
            role = role or PartnerRole.PARTNER
            if role not in roles:
                raise CellError(f'"{role}" is not a partner role ({", ".join(sorted(roles))}).')
            out.append((slug, role))
        return sorted(set(out))
    if column.kind == "outcomes":
        return _parse_pairs(value, "outcome")
    if column.kind in ("ref", "user"):
        return _text(value).strip()
    text = _text(value)
    if "\x00" in text:
        raise CellError("contains a null character.")
    if column.max_length and len(text) > column.max_length:
        raise CellError(f"is longer than {column.max_length} characters.")
    if column.name == "summary":
        return sanitize_rich_text(text)
    return text


def canonical(column: Column, value) -> str:
    """How a parsed value compares with a stored one (both as the export writes them)."""
    if column.kind == "lines":
        return LIST_SEPARATOR.join(_lines(value))
    if column.kind in ("roles", "outcomes"):
        return LIST_SEPARATOR.join(f"{a}:{b}" for a, b in value)
    return cell_text(value)


def _stored_value(column: Column, value):
    """A stored value brought to the parsed form (lists come from the export as text)."""
    if column.kind == "lines":
        return "\n".join(_split(value))
    if column.kind in ("roles", "outcomes"):
        return _parse_pairs(value, "role" if column.kind == "roles" else "outcome")
    return value
