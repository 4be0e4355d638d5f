"""Reference stage: partners and initiatives, from the catalogue and the reference file.

The catalogue (catalogue.yaml) is the tracker's own list of partners and initiatives with
their names, kinds, periods, parents and roles; the reference file adds what the reports say of
each initiative. Both are merged into what is stored, never replacing an officer's value.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from partners.choices import PartnerKind
from partners.models import Partner

from .. import services as tracking
from ..choices import InitiativeKind, PartnerRole
from ..models import DesiredOutcome, Initiative
from .facts import InitiativeFacts
from .loader import Loader
from .names import ANY_BRACKET, merged, split_name

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue.yaml"


def catalogue_load(path: Path = CATALOGUE_PATH) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class RecordsStage(Loader):
    def _set_parent(self, obj: Partner | Initiative, parent, label: str) -> None:
        """Link a record to its parent once both exist (a second pass over the file)."""
        obj.parent = parent
        obj.save(update_fields=["parent", "updated_at"])
        self._changed(obj, label, ["parent"])

    def load_partners(self) -> None:
        for partner in Partner.objects.all():
            self._index_partner(partner)
        rows = self.catalogue.get("partners", [])
        for row in rows:
            partner = self.partner(row["name"]) or Partner(
                slug=tracking.unique_slug(Partner, row.get("short_name") or row["name"])
            )
            aliases = partner.alias_list
            for alias in row.get("aliases", []):
                if alias.casefold() not in {a.casefold() for a in aliases}:
                    aliases.append(alias)
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "short_name": row.get("short_name", "") or partner.short_name,
                "country_code": row.get("country_code", "") or partner.country_code,
                "member_since": row.get("member_since") or partner.member_since,
                "aliases": "\n".join(aliases),
            }
            self._save(partner, values, f"partner {row['name']}", "partners")
            self._index_partner(partner)
        for row in rows:
            parent = self.partner(row.get("parent"))
            partner = self.partner(row["name"])
            if parent and partner.parent_id is None:
                self._set_parent(partner, parent, f"partner {partner.name}")
        for short, long_name in self.record.bodies.items():
            for short_name in short.split("/"):
                if self.partner(short_name) is None:
                    name = long_name.split(" (")[0].strip() if "/" not in short else short_name
                    partner = Partner(
                        name=name,
                        short_name=short_name,
                        kind=PartnerKind.ASEAN_BODY,
                        slug=tracking.unique_slug(Partner, short_name),
                    )
                    partner.save()
                    self.report.add("partners")
                    self.new.add((Partner, partner.pk))
                    self._index_partner(partner)

    def load_catalogue_initiatives(self) -> None:
        for initiative in Initiative.objects.all():
            self._index_initiative(initiative)
        rows = self.catalogue.get("initiatives", [])
        for row in rows:
            initiative = self.find_initiative(row["name"]) or Initiative(
                slug=tracking.unique_slug(Initiative, row.get("acronym") or row["name"])
            )
            period = row.get("period") or [None, None]
            work_plan = row.get("work_plan") or [None, None]
            values = {
                "name": row["name"],
                "acronym": row.get("acronym", "") or initiative.acronym,
                "kind": row["kind"],
                "aliases": "\n".join(merged(initiative.alias_list, row.get("aliases", []))),
                "description": initiative.description
                if row.get("description", "") in initiative.description
                else row["description"],
                "period_start": period[0] if period[0] is not None else initiative.period_start,
                "period_end": period[1] if period[1] is not None else initiative.period_end,
                "lead_body": self.partner(row.get("lead_body")) or initiative.lead_body,
                "work_plan_partner": self.partner(work_plan[0]) or initiative.work_plan_partner,
                "work_plan_year": work_plan[1] or initiative.work_plan_year,
                "sources": "\n".join(merged(initiative.source_list, row.get("sources", []))),
            }
            self._save(initiative, values, f"initiative {row['name']}", "initiatives")
            self._index_initiative(initiative)
            outcomes = row.get("outcomes") or {}
            if isinstance(outcomes, dict):
                for code, title in outcomes.items():
                    _, made = DesiredOutcome.objects.get_or_create(
                        masterplan=initiative, code=code, defaults={"title": title}
                    )
                    if made:
                        self.report.add("desired outcomes")
            for link in row.get("partners", []):
                self._role(initiative, self.partner(link["partner"]), link.get("role"))

    def link_catalogue(self) -> None:
        """Parents and outcomes, once every initiative of both files exists."""
        adm = self.find_initiative("ADM 2025")
        for row in self.catalogue.get("initiatives", []):
            initiative = self.find_initiative(row["name"])
            parent = self.find_initiative(row["parent"]) if row.get("parent") else None
            if parent and initiative.parent_id != parent.pk:
                self._set_parent(initiative, parent, f"initiative {initiative.name}")
            codes = row.get("outcomes")
            if isinstance(codes, list) and adm is not None:
                missing = DesiredOutcome.objects.filter(masterplan=adm, code__in=codes).exclude(
                    initiatives=initiative
                )
                if missing.exists():
                    initiative.outcomes.add(*missing)
                    self._changed(initiative, f"initiative {initiative.name}", ["outcomes"])

    def load_reference_initiatives(self) -> None:
        for facts in self.record.initiatives:
            for initiative in self.resolve(facts.name, kind=facts.kind):
                self._apply_facts(initiative, facts)

    def _apply_facts(self, initiative: Initiative, facts: InitiativeFacts) -> None:
        self.facts_of[initiative.pk] = facts
        name, _ = split_name(facts.name)
        acronym = facts.acronym.split(" (")[0].strip()
        aliases = initiative.alias_list
        for spelling in (name, facts.name if ":" not in facts.name else "", acronym):
            known = {n.casefold() for n in initiative.names()} | {a.casefold() for a in aliases}
            if spelling and spelling.casefold() not in known and len(spelling) <= 300:
                aliases.append(spelling)
        lead = self.partners_in(ANY_BRACKET.sub("", facts.lead_body))
        description = initiative.description
        extra = [*facts.facts, *facts.notes]
        extra += [f"Conflicting sources: {c}" for c in facts.conflicts]
        for line in extra:
            if line not in description:
                description = f"{description}\n\n{line}".strip()
        values = {
            "aliases": "\n".join(aliases),
            "description": description,
            "period_start": initiative.period_start or facts.period_start,
            "period_end": initiative.period_end or facts.period_end,
            "lead_body": initiative.lead_body or (lead[0] if lead else None),
            "sources": "\n".join(merged(initiative.source_list, facts.sources)),
        }
        if initiative.kind == InitiativeKind.OTHER:
            values["kind"] = facts.kind
        self._save(initiative, values, f"initiative {initiative.name}", "initiatives")
        self._index_initiative(initiative)
        for text in facts.partners:
            for partner in self.partners_in(text):
                self._role(initiative, partner, PartnerRole.PARTNER)
        if facts.by_year:
            self.umbrellas.append((initiative, facts))

    def link_umbrellas(self) -> None:
        for umbrella, facts in self.umbrellas:
            self._umbrella(umbrella, facts)

    def _umbrella(self, umbrella: Initiative, facts: InitiativeFacts) -> None:
        """A yearly series (ASEAN-Japan work plans): its yearly plans become its children."""
        token = facts.name.split()[0]
        partner_ids = set(umbrella.partners.values_list("pk", flat=True))
        named_here = Initiative.objects.filter(pk__in=self.seen).exclude(pk=umbrella.pk)
        for child in named_here.filter(parent__isnull=True):
            named = re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", child.name)
            plan_of = child.work_plan_partner_id in partner_ids and child.work_plan_year
            if (named or plan_of) and child.pk != umbrella.parent_id:
                self._set_parent(child, umbrella, f"initiative {child.name}")

    def work_plan_facts(self, initiative: Initiative) -> None:
        """'ASEAN-Japan Digital Work Plan 2025' is a work plan of Japan for 2025."""
        if not re.search(r"\bwork ?plan\b", initiative.name, re.I):
            return
        match = re.search(r"ASEAN-(\w+)|(\w+)-ASEAN", initiative.name)
        year = re.search(r"\b(20\d\d)\b", initiative.name)
        partner = self.partner(match.group(1) or match.group(2)) if match else None
        if partner is None or partner.kind != PartnerKind.DIALOGUE_PARTNER or not year:
            return
        values = {
            "kind": InitiativeKind.WORK_PLAN,
            "work_plan_partner": initiative.work_plan_partner or partner,
            "work_plan_year": initiative.work_plan_year or int(year.group(1)),
        }
        self._save(initiative, values, f"initiative {initiative.name}", "initiatives")
        self._role(initiative, partner, PartnerRole.FUNDER)
