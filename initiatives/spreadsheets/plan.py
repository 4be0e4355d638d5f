"""Planning an import: raw rows -> what would be created and changed, or what stops it.

Nothing is written here; apply.py writes a plan that has no problems.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from partners import services as partner_services
from partners.choices import PartnerKind
from partners.models import Partner
from tracker import roles

from .. import services
from ..models import DesiredOutcome, Initiative
from .files import RawSheet
from .format import (
    INITIATIVES,
    PARTNERS,
    PROGRESS,
    SHEETS,
    SLUG_RE,
    CellError,
    Sheet,
    _parse_int,
    _stored_value,
    _text,
    canonical,
    parse_cell,
    querysets,
    record_values,
)


@dataclass(frozen=True)
class Problem:
    where: str
    row: int | None
    column: str
    message: str

    def order(self) -> tuple[int, int, str]:
        """Sort key: the file's sheets in the format's order, then rows, then columns."""
        sheet = next((i for i, name in enumerate(SHEETS) if f'"{name}"' in self.where), 0)
        return (sheet, self.row or 0, self.column)

    def __str__(self) -> str:
        place = self.where[0].upper() + self.where[1:]
        if self.row is not None:
            place += f", row {self.row}"
        if self.column:
            place += f", column {self.column}"
        return f"{place}: {self.message}"


@dataclass
class RowPlan:
    sheet: Sheet
    row: int
    where: str
    action: str  # create, change or unchanged
    key: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)  # parsed, writable columns only
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # column, before, after
    instance: Any = None


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> list[tuple[str, int, int, int]]:
        """(sheet title, created, changed, unchanged) for each sheet in the file."""
        out = []
        for sheet in SHEETS.values():
            rows = [r for r in self.rows if r.sheet is sheet]
            if rows:
                out.append(
                    (
                        sheet.title,
                        sum(r.action == "create" for r in rows),
                        sum(r.action == "change" for r in rows),
                        sum(r.action == "unchanged" for r in rows),
                    )
                )
        return out

    @property
    def pending(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action != "unchanged"]

    def digest(self) -> str:
        """A fingerprint of what would be written: the preview and the confirmation must agree."""
        h = hashlib.sha256()
        for r in self.pending:
            h.update(repr((r.sheet.name, r.row, r.action, r.key, r.changes)).encode())
        return h.hexdigest()


class _Lookups:
    """Everything rows may refer to, loaded once: slugs, names, outcomes, users, stored rows."""

    def __init__(self, sheets: list[RawSheet]):
        wanted = {s.sheet.name for s in sheets}
        all_sets = querysets()
        self.records = {
            name: {self._key(name, obj): obj for obj in all_sets[name]} for name in wanted
        }
        self.partners = dict(Partner.objects.values_list("slug", "kind"))
        self.partner_names = dict(Partner.objects.values_list("name", "slug"))
        self.initiatives = set(Initiative.objects.values_list("slug", flat=True))
        self.initiative_names = dict(Initiative.objects.values_list("name", "slug"))
        self.partner_parents = dict(
            Partner.objects.filter(parent__isnull=False).values_list("slug", "parent__slug")
        )
        self.initiative_parents = dict(
            Initiative.objects.filter(parent__isnull=False).values_list("slug", "parent__slug")
        )
        self.outcomes = {
            (plan, code): pk
            for pk, plan, code in DesiredOutcome.objects.values_list(
                "pk", "masterplan__slug", "code"
            )
        }
        self.users = dict(get_user_model().objects.values_list("username", "pk"))
        # The one owner rule of the initiative form and the API (tracker.roles).
        self.owners = set(roles.initiative_owner_candidates().values_list("username", flat=True))

    @staticmethod
    def _key(sheet_name: str, obj) -> str:
        return str(obj.pk) if sheet_name == "progress_updates" else obj.slug


def _plan_row(raw: RawSheet, number: int, cells: dict, lookups: _Lookups, plan: ImportPlan):
    sheet, where = raw.sheet, raw.label
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(where, number, column, message))

    key = _text(cells.get(sheet.key)).strip()
    instance = None
    if sheet.key == "id":
        if key:
            try:
                key = str(_parse_int(key, sheet.column("id")))
            except CellError as error:
                problem("id", str(error))
            instance = lookups.records[sheet.name].get(key)
            if instance is None and not problems:
                problem("id", f"there is no progress update {key}; leave id blank to add one.")
    elif key:
        reserved = (
            services.RESERVED_SLUGS if sheet is INITIATIVES else partner_services.RESERVED_SLUGS
        )
        if not SLUG_RE.match(key) or len(key) > 100:
            problem("slug", f'"{key}" is not a slug (letters, digits, - and _).')
        elif key in reserved:
            problem("slug", f'"{key}" is reserved for a page address; choose another slug.')
        instance = lookups.records[sheet.name].get(key)

    values: dict[str, Any] = {}
    for column in sheet.columns:
        if column.name == sheet.key or column.read_only or column.name not in cells:
            continue
        try:
            values[column.name] = parse_cell(column, cells[column.name])
        except CellError as error:
            problem(column.name, str(error))
            continue
        if column.required and values[column.name] in ("", None):
            problem(column.name, "must not be blank.")
    if instance is None:
        for column in sheet.columns:
            if column.required and column.name not in cells and column.name != sheet.key:
                problem(column.name, "must be given for a new record.")

    row = RowPlan(
        sheet=sheet,
        row=number,
        where=where,
        action="create" if instance is None else "unchanged",
        key=key,
        label=str(values.get("name") or values.get("summary", "") or key)[:80],
        values=values,
        instance=instance,
    )
    if instance is not None:
        stored = record_values(sheet, instance)
        row.label = str(instance)[:80]
        for name, value in values.items():
            before = canonical(sheet.column(name), _stored_value(sheet.column(name), stored[name]))
            after = canonical(sheet.column(name), value)
            if before != after:
                row.changes.append((name, before, after))
        row.action = "change" if row.changes else "unchanged"
    else:
        row.changes = [
            (name, "", canonical(sheet.column(name), value))
            for name, value in values.items()
            if canonical(sheet.column(name), value)
        ]
    plan.problems.extend(problems)
    return row


def _check_references(plan: ImportPlan, lookups: _Lookups) -> None:
    """References between rows and to stored records; names stay unique; parents never loop."""
    new_partners = {
        r.key: r.values.get("kind", "")
        for r in plan.rows
        if r.sheet is PARTNERS and r.action == "create" and r.key
    }
    partner_kinds = {**lookups.partners, **new_partners}
    initiative_slugs = lookups.initiatives | {
        r.key for r in plan.rows if r.sheet is INITIATIVES and r.action == "create" and r.key
    }

    def problem(r: RowPlan, column: str, message: str) -> None:
        plan.problems.append(Problem(r.where, r.row, column, message))

    seen: dict[tuple[str, str], int] = {}
    names: dict[tuple[str, str], RowPlan] = {}
    for r in plan.rows:
        if r.key:
            first = seen.setdefault((r.sheet.name, r.key), r.row)
            if first != r.row:
                problem(r, r.sheet.key, f'"{r.key}" already appears in row {first}.')
        name = r.values.get("name")
        if name and r.sheet in (PARTNERS, INITIATIVES):
            stored_names = (
                lookups.partner_names if r.sheet is PARTNERS else lookups.initiative_names
            )
            holder = stored_names.get(name)
            other = names.setdefault((r.sheet.name, name), r)
            if other is not r:
                problem(r, "name", f'"{name}" is also the name in row {other.row}.')
            elif holder is not None and holder != r.key:
                problem(r, "name", f'"{name}" is already the name of "{holder}".')
        for column in r.sheet.columns:
            value = r.values.get(column.name)
            if not value or column.kind not in ("ref", "roles", "outcomes", "user"):
                continue
            if column.kind == "user":
                if value not in lookups.users:
                    problem(r, column.name, f'there is no user "{value}".')
                elif column.name == "owner" and value not in lookups.owners:
                    problem(
                        r,
                        column.name,
                        f'"{value}" cannot own an initiative: owners are active secretariat '
                        "officers or admins.",
                    )
            elif column.kind == "outcomes":
                for plan_slug, code in value:
                    if (plan_slug, code) not in lookups.outcomes:
                        problem(
                            r, column.name, f'there is no desired outcome "{plan_slug}:{code}".'
                        )
            elif column.kind == "roles":
                for slug, _ in value:
                    if slug not in partner_kinds:
                        problem(r, column.name, f'there is no partner "{slug}".')
            elif (r.sheet, column.name) in ((INITIATIVES, "parent"), (PROGRESS, "initiative")):
                if value not in initiative_slugs:
                    problem(r, column.name, f'there is no initiative "{value}".')
            elif value not in partner_kinds:
                problem(r, column.name, f'there is no partner "{value}".')
            elif column.name == "member_state" and partner_kinds[value] != PartnerKind.MEMBER_STATE:
                problem(r, column.name, f'"{value}" is not an ASEAN member state.')
        if r.sheet is PROGRESS and r.instance is not None:
            for name in ("initiative", "member_state"):
                if any(c[0] == name for c in r.changes):
                    problem(r, name, "is fixed once recorded; add a new row instead.")
    for sheet, stored in (
        (PARTNERS, lookups.partner_parents),
        (INITIATIVES, lookups.initiative_parents),
    ):
        parents = dict(stored)
        rows = [r for r in plan.rows if r.sheet is sheet and r.key and "parent" in r.values]
        for r in rows:
            parents[r.key] = r.values["parent"] or None
        for r in rows:
            node, steps = parents.get(r.key), 0
            while node and steps <= len(parents):
                if node == r.key:
                    problem(r, "parent", "would sit under itself (the parents form a loop).")
                    break
                node, steps = parents.get(node), steps + 1


def plan_import(sheets: list[RawSheet]) -> ImportPlan:
    """What importing these sheets would do; nothing is written."""
    plan = ImportPlan()
    lookups = _Lookups(sheets)
    for raw in sheets:
        for number, cells in raw.rows:
            plan.rows.append(_plan_row(raw, number, cells, lookups, plan))
    _check_references(plan, lookups)
    plan.problems.sort(key=Problem.order)
    return plan
