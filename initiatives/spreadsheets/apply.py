"""Applying an import plan: through the services, in one transaction, all rows or none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from partners import services as partner_services
from partners.models import Partner
from tracker.history import ConcurrentEditError, save_by

from .. import services
from ..models import DesiredOutcome, Initiative, ProgressUpdate
from .files import read_spreadsheet
from .format import INITIATIVES, PARTNERS, PROGRESS
from .plan import ImportPlan, Problem, RowPlan, plan_import


class ImportRefused(Exception):
    """The import wrote nothing; `problems` say which rows stopped it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


class _RollBack(Exception):
    pass


@dataclass
class ImportResult:
    counts: list[tuple[str, int, int, int]]

    def __str__(self) -> str:
        parts = [f"{title}: {c} created, {u} changed" for title, c, u, _ in self.counts]
        return "; ".join(parts) or "Nothing to change."


def _service_problem(r: RowPlan, error: Exception) -> list[Problem]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            Problem(r.where, r.row, name if name != "__all__" else "", " ".join(messages))
            for name, messages in error.message_dict.items()
        ]
    if isinstance(error, ValidationError):
        return [Problem(r.where, r.row, "", " ".join(error.messages))]
    return [Problem(r.where, r.row, "", str(error))]


class _Applier:
    def __init__(self, plan: ImportPlan, user):
        self.plan, self.user = plan, user
        self.problems: list[Problem] = []
        self.partners = {p.slug: p for p in Partner.objects.all()}
        self.initiatives = {i.slug: i for i in Initiative.objects.all()}
        self.users = {u.get_username(): u for u in get_user_model().objects.all()}
        self.outcomes = {
            (o.masterplan.slug, o.code): o
            for o in DesiredOutcome.objects.select_related("masterplan")
        }

    def run(self) -> None:
        rows = self.plan.pending
        creates_first = sorted(rows, key=lambda r: (r.action != "create", not r.key))
        for sheet in (PARTNERS, INITIATIVES, PROGRESS):
            mine = [r for r in creates_first if r.sheet is sheet]
            deferred = [r for r in mine if self._attempt(r, self._save, r)]
            # Parents new in this file exist only now.
            for r in deferred:
                self._attempt(r, self._set_parent, r)

    def _attempt(self, r: RowPlan, step: Callable, *args) -> bool:
        try:
            with transaction.atomic():  # a savepoint: one bad row must not poison the rest
                return bool(step(*args))
        except (ValidationError, PermissionDenied, ConcurrentEditError, ValueError) as error:
            self.problems.extend(_service_problem(r, error))
        except DatabaseError as error:  # a constraint the checks above did not foresee
            self.problems.append(Problem(r.where, r.row, "", f"the database refused it: {error}"))
        return False

    def _fields(self, r: RowPlan, names: Iterable[str]) -> tuple[dict, bool]:
        """The row's writable values as service arguments; True when a parent must wait."""
        changed = {c[0] for c in r.changes}
        fields, wait = {}, False
        for name in names:
            if name not in r.values or name not in changed:
                continue
            value = r.values[name]
            column = r.sheet.column(name)
            if column.kind == "ref":
                to_initiative = name == "initiative" or (
                    r.sheet is INITIATIVES and name == "parent"
                )
                target = self.initiatives if to_initiative else self.partners
                if value and value not in target:
                    wait = True  # created later in this run
                    continue
                value = target.get(value) if value else None
            elif column.kind == "user":
                value = self.users.get(value) if value else None
            fields[name] = value
        return fields, wait

    def _save(self, r: RowPlan) -> bool:
        if r.sheet is PARTNERS:
            return self._save_partner(r)
        if r.sheet is INITIATIVES:
            return self._save_initiative(r)
        return self._save_progress(r)

    def _keep_slug(self, obj, r: RowPlan) -> None:
        if r.key and obj.slug != r.key:
            obj.slug = r.key
            save_by(obj, self.user, update_fields=["slug", "updated_at"])

    def _save_partner(self, r: RowPlan) -> bool:
        fields, wait = self._fields(r, partner_services.PARTNER_FIELDS)
        if r.instance is None:
            partner = partner_services.partner_create(user=self.user, **fields)
            self._keep_slug(partner, r)
        else:
            partner = partner_services.partner_update(
                partner=r.instance, user=self.user, seen_history_id=None, **fields
            )
        self.partners[partner.slug] = partner
        return wait

    def _save_initiative(self, r: RowPlan) -> bool:
        fields, wait = self._fields(r, services.INITIATIVE_FIELDS)
        if r.instance is None:
            initiative = services.initiative_create(user=self.user, **fields)
            self._keep_slug(initiative, r)
        elif fields:
            initiative = services.initiative_update(
                initiative=r.instance,
                user=self.user,
                expected_version=Initiative.objects.get(pk=r.instance.pk).version,
                seen_history_id=None,
                **fields,
            )
        else:
            initiative = r.instance
        changed = {c[0] for c in r.changes}
        services.initiative_set_links(
            initiative=initiative,
            user=self.user,
            partner_roles=[(self.partners[s], role) for s, role in r.values["partners"]]
            if "partners" in changed
            else None,
            outcomes=[self.outcomes[pair] for pair in r.values["outcomes"]]
            if "outcomes" in changed
            else None,
        )
        self.initiatives[initiative.slug] = initiative
        return wait

    def _set_parent(self, r: RowPlan) -> None:
        parent = (self.partners if r.sheet is PARTNERS else self.initiatives)[r.values["parent"]]
        if r.sheet is PARTNERS:
            partner = self.partners[r.key or r.instance.slug]
            partner_services.partner_update(
                partner=partner, user=self.user, seen_history_id=None, parent=parent
            )
        else:
            initiative = Initiative.objects.get(slug=r.key or r.instance.slug)
            services.initiative_update(
                initiative=initiative,
                user=self.user,
                expected_version=initiative.version,
                seen_history_id=None,
                parent=parent,
            )

    def _save_progress(self, r: RowPlan) -> None:
        fields, _ = self._fields(r, (*services.PROGRESS_FIELDS, "initiative", "member_state"))
        if r.instance is None:
            fields.setdefault("status", "")
            services.progress_update_create(user=self.user, **fields)
        else:
            fields.pop("initiative", None)
            fields.pop("member_state", None)
            current = ProgressUpdate.objects.get(pk=r.instance.pk)
            services.progress_update_edit(
                update=current,
                user=self.user,
                expected_version=current.version,
                seen_history_id=None,
                **fields,
            )


def apply_import(plan: ImportPlan, *, user, dry_run: bool = False) -> ImportResult:
    """Write the plan through the services in one transaction; refuse it whole on any problem.

    With dry_run the same writes run and are rolled back: the preview learns of every rule the
    services enforce (permissions, sanitising, dates) without anything being kept.
    """
    if not plan.ok:
        raise ImportRefused(plan.problems)
    applier = _Applier(plan, user)
    try:
        with transaction.atomic():
            applier.run()
            if applier.problems or dry_run:
                raise _RollBack
    except _RollBack:
        pass
    if applier.problems:
        applier.problems.sort(key=Problem.order)
        raise ImportRefused(applier.problems)
    return ImportResult(plan.counts())


def import_spreadsheet(
    data: bytes, *, user, filename: str = "", sheet_name: str = "", dry_run: bool = False
) -> tuple[ImportPlan, ImportResult]:
    """Read, plan and apply (or try) an upload; ImportRefused or SpreadsheetError if refused."""
    plan = plan_import(read_spreadsheet(data, filename=filename, sheet_name=sheet_name))
    return plan, apply_import(plan, user=user, dry_run=dry_run)
