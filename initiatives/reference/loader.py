"""The reference loader's shared state: what a load has found, created and changed so far.

The stages (reference.records, reference.meetings, reference.mentions) are mixins over this
`Loader`; services.reference_load combines them and runs them in order. Here are what they
all use: the report, the generic create-or-update (`_save`), and the finding of partners and
initiatives by any of their names, creating an initiative the file names for the first time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from partners.models import Partner
from tracker.text import normalise

from .. import services as tracking
from ..choices import PartnerRole
from ..models import Initiative, InitiativePartner, Meeting
from .facts import InitiativeFacts, ReferenceRecord
from .names import ANY_BRACKET, guess_kind, name_key, split_name, split_top_level


@dataclass
class LoadReport:
    """What a load created, changed and left out, in words for the command to print."""

    created: dict[str, int] = field(default_factory=dict)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def changed_field(self, record: str, fields: list[str]) -> None:
        self.updated.append(f"{record}: {', '.join(fields)}")

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        if not self.changed:
            lines = ["The reference record is already loaded: nothing changed."]
        else:
            lines = []
            if self.created:
                parts = ", ".join(f"{n} {what}" for what, n in self.created.items())
                lines.append(f"Created {parts}.")
            if self.updated:
                lines.append(f"Updated {len(self.updated)} records:")
                lines += [f"  {line}" for line in self.updated]
        if self.skipped:
            lines.append(f"Left out {len(self.skipped)} entries:")
            lines += [f"  {line}" for line in self.skipped]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


class Loader:
    def __init__(self, record: ReferenceRecord, catalogue: dict):
        self.record, self.catalogue = record, catalogue
        self.report = LoadReport()
        self.partner_keys: dict[str, Partner] = {}
        self.initiative_keys: dict[str, Initiative] = {}
        self.touched: set[int] = set()
        self.meetings: dict[int, Meeting] = {}
        self.partner_meetings: dict[int, dict[str, Meeting]] = defaultdict(dict)
        self.facts_of: dict[int, InitiativeFacts] = {}
        self.umbrellas: list[tuple[Initiative, InitiativeFacts]] = []
        self.seen: set[int] = set()  # initiatives the file names
        self.new: set[tuple[type, int]] = set()  # created by this run: no "updated" line
        # Every meeting a mention was written at (the series' and its partners'), by pk.
        self.meetings_by_pk: dict[int, Meeting] = {}

    def _changed(self, obj, label: str, fields: list[str]) -> None:
        if (type(obj), obj.pk) not in self.new:
            self.report.changed_field(label, fields)

    # -- generic create-or-update ------------------------------------------------------------

    def _save(self, obj, values: dict, label: str, what: str) -> bool:
        """Set the values that differ; create the row when new. True when something changed."""
        if obj.pk is None:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            self.report.add(what)
            self.new.add((type(obj), obj.pk))
            return True
        changed = [n for n, v in values.items() if getattr(obj, n) != v]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self._changed(obj, label, changed)
        return bool(changed)

    # -- partners ----------------------------------------------------------------------------

    def _index_partner(self, partner: Partner) -> None:
        for name in partner.names():
            self.partner_keys.setdefault(normalise(name), partner)

    def partner(self, text: str | None) -> Partner | None:
        if not text:
            return None
        return self.partner_keys.get(normalise(text)) or self.partner_keys.get(
            normalise(split_name(text)[0])
        )

    def partners_in(self, text: str) -> list[Partner]:
        """Every known partner named in a free text, in the order they appear."""
        found: list[tuple[int, int, Partner]] = []
        for partner in {p.pk: p for p in self.partner_keys.values()}.values():
            for spelling in partner.names():
                flags = 0 if spelling.isupper() or len(spelling) <= 4 else re.I
                for match in re.finditer(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", text, flags):
                    found.append((match.start(), -len(spelling), partner))
        found.sort(key=lambda f: (f[0], f[1]))
        result, covered = [], -1
        for start, neg_len, partner in found:
            if start < covered:
                continue
            covered = start - neg_len
            if partner not in result:
                result.append(partner)
        return result

    # -- initiatives -------------------------------------------------------------------------

    def _index_initiative(self, initiative: Initiative) -> None:
        for spelling in initiative.names():
            self.initiative_keys.setdefault(name_key(spelling), initiative)
            self.initiative_keys.setdefault(name_key(ANY_BRACKET.sub("", spelling)), initiative)

    def find_initiative(self, text: str) -> Initiative | None:
        name, acronym = split_name(text)
        for candidate in (text, name, ANY_BRACKET.sub("", text), acronym):
            if candidate and (found := self.initiative_keys.get(name_key(candidate))):
                return found
        return None

    def _new_initiative(self, text: str, kind: str | None = None) -> Initiative:
        name, acronym = split_name(text)
        if acronym and Initiative.objects.filter(acronym=acronym).exists():
            acronym = ""
        initiative = Initiative(
            name=name[:300],
            acronym=acronym[:40],
            slug=tracking.unique_slug(Initiative, acronym or name),
            kind=kind or guess_kind(name),
        )
        initiative.save()
        self.report.add("initiatives")
        self.new.add((Initiative, initiative.pk))
        self._index_initiative(initiative)
        return initiative

    def resolve(self, text: str, *, kind: str | None = None) -> list[Initiative]:
        """The initiatives an entry of the file names (several for a list); [] for a topic."""
        found = self._resolve(text, kind=kind)
        self.seen |= {i.pk for i in found}
        return found

    def _resolve(self, text: str, *, kind: str | None = None) -> list[Initiative]:
        reason = (self.catalogue.get("not_initiatives") or {}).get(text)
        if reason:
            self.report.skipped.append(
                f"{text[:80]}...: {reason}" if len(text) > 80 else f"{text}: {reason}"
            )
            return []
        mapped = (self.catalogue.get("reference_names") or {}).get(text)
        if mapped:
            return [self.find_initiative(n) or self._new_initiative(n, kind) for n in mapped]
        found = self.find_initiative(text)
        if found:
            return [found]
        label, colon, rest = text.partition(": ")
        if colon and not self.find_initiative(label):
            items = split_top_level(rest, ",;")
            if len(items) > 1:
                return [self.find_initiative(i) or self._new_initiative(i, kind) for i in items]
        return [self._new_initiative(text, kind)]

    def _role(self, initiative: Initiative, partner: Partner | None, role: str | None) -> None:
        if partner is None:
            return
        _, made = InitiativePartner.objects.get_or_create(
            initiative=initiative, partner=partner, role=role or PartnerRole.PARTNER
        )
        if made:
            self.report.add("partner roles")
