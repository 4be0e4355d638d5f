"""Stage 2 of loading the reference record: write the parsed record, idempotently.

`reference_load` runs in one transaction. Every row is found by its natural key first (a
partner or initiative by any of its names, a meeting by series and number, a report-based
mention by meeting and initiative) and only the fields that differ are saved, so a second run
writes nothing and a newer file changes exactly what changed; the report says which.

What it writes is evidence, never a status: mentions carry the status the report implies (the
reference statuses read through shared/DESIGN.md), and the status engine derives each
initiative's current status from them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.db import transaction
from django.utils.module_loading import import_string

from partners.choices import PartnerKind
from partners.models import Partner
from tracker.text import normalise, ordinal

from .. import services as tracking
from ..choices import STATUS_RANK, Confidence, EvidenceKind, InitiativeKind, PartnerRole, Status
from ..evidence import meeting_reports_reconcile
from ..models import DesiredOutcome, Initiative, InitiativePartner, Meeting, Mention, ProgressUpdate
from . import STEPS
from .schema import (
    FuzzyDate,
    InitiativeFacts,
    MeetingFacts,
    PlannedMeeting,
    ReferenceRecord,
    ReportedOutcome,
)

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue.yaml"
SERIES = "ADGMIN"
# Dialogue partners' own digital ministers' meetings, as the report names them.
PARTNER_SERIES = {
    "Japan": "ADGMIN+Japan",
    "China": "ADGMIN+China",
    "Korea": "ADGMIN+Korea",
    "India": "ADGMIN+India",
    "US": "ADGMIN+US",
    "EU": "ADGMIN+EU",
}
PARTNER_MEETING = re.compile(
    r"(?P<n>\d+)(?:st|nd|rd|th) ASEAN-(?P<p>Japan|China|Korea|India|US|EU) Digital Ministers'? "
    r"Meeting \((?P<day>\d{1,2} [A-Z][a-z]{2} \d{4})"
)
FACILITY_KINDS = {
    InitiativeKind.CENTRE,
    InitiativeKind.NETWORK,
    InitiativeKind.INDEX,
    InitiativeKind.MECHANISM,
    InitiativeKind.PROGRAMME,
}
RUNNING = re.compile(r"\b(launched|operational|operating|in operation)\b", re.I)
KIND_WORDS = [
    (r"\bwork ?plans?\b|\bkey deliverables\b", InitiativeKind.WORK_PLAN),
    (r"\bdeclaration\b|\bjoint statement\b", InitiativeKind.DECLARATION),
    (r"\bmasterplan\b", InitiativeKind.MASTERPLAN),
    (r"\bstrategy\b", InitiativeKind.STRATEGY),
    (r"\bagreement\b", InitiativeKind.AGREEMENT),
    (r"\bguides?\b|\bguidelines\b|\brecommendations\b|\bchecklist\b", InitiativeKind.GUIDE),
    (r"\broadmap\b", InitiativeKind.ROADMAP),
    (r"\breport\b|\bstudy\b|\breview\b|\bpaper\b", InitiativeKind.STUDY),
    (r"\bnetwork\b", InitiativeKind.NETWORK),
    (r"\bcent(?:re|er)\b", InitiativeKind.CENTRE),
    (r"\bindex\b", InitiativeKind.INDEX),
    (r"\bprogram(?:me)?s?\b|\bproject\b|\btraining\b", InitiativeKind.PROGRAMME),
    (r"\bframework\b", InitiativeKind.FRAMEWORK),
    (r"\bmechanism\b|\bworking group\b|\bsystem\b|\bfund\b", InitiativeKind.MECHANISM),
    (r"\bmodel\b", InitiativeKind.MODEL),
    (r"\baction plan\b", InitiativeKind.WORK_PLAN),
]
STOPWORDS = re.compile(r"\b(?:the|a|an)\b", re.I)
TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
ANY_BRACKET = re.compile(r"\s*\([^()]*\)")
LOWER = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW}


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


def name_key(text: str) -> str:
    """Spellings of one name compare equal: case, punctuation, spacing and articles ignored."""
    return normalise(STOPWORDS.sub(" ", text))


def split_name(text: str) -> tuple[str, str]:
    """'ASEAN Digital Masterplan 2025 (ADM2025)' -> (name, 'ADM2025'); a trailing remark in
    brackets ('(rural areas)', '(2019)', '(item endorsed ...)') is dropped from the name."""
    match = TRAILING_BRACKET.search(text)
    if not match:
        return text.strip(), ""
    inner, name = match.group(1).strip(), text[: match.start()].strip()
    words = inner.split()
    is_acronym = (
        0 < len(inner) <= 20
        and "," not in inner
        and sum(ch.isupper() for ch in inner) >= 2
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and not re.fullmatch(r"[\d\s\-–]+", inner)
    )
    return name, inner if is_acronym else ""


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on separators outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in separators:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def publisher_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return re.sub(r"^(?:www|m|amp)\.", "", host)


def _lower(confidence: str) -> str:
    return LOWER.get(confidence, confidence)


def _weakest(confidences: list[str]) -> str:
    order = [Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH]
    known = [c for c in confidences if c]
    return min(known, key=order.index) if known else ""


class _Loader:
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
                partner.parent = parent
                partner.save(update_fields=["parent", "updated_at"])
                self._changed(partner, f"partner {partner.name}", ["parent"])
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
                "aliases": "\n".join(_merged(initiative.alias_list, row.get("aliases", []))),
                "description": initiative.description
                if row.get("description", "") in initiative.description
                else row["description"],
                "period_start": period[0] if period[0] is not None else initiative.period_start,
                "period_end": period[1] if period[1] is not None else initiative.period_end,
                "lead_body": self.partner(row.get("lead_body")) or initiative.lead_body,
                "work_plan_partner": self.partner(work_plan[0]) or initiative.work_plan_partner,
                "work_plan_year": work_plan[1] or initiative.work_plan_year,
                "sources": "\n".join(_merged(initiative.source_list, row.get("sources", []))),
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
                initiative.parent = parent
                initiative.save(update_fields=["parent", "updated_at"])
                self._changed(initiative, f"initiative {initiative.name}", ["parent"])
            codes = row.get("outcomes")
            if isinstance(codes, list) and adm is not None:
                missing = DesiredOutcome.objects.filter(masterplan=adm, code__in=codes).exclude(
                    initiatives=initiative
                )
                if missing.exists():
                    initiative.outcomes.add(*missing)
                    self._changed(initiative, f"initiative {initiative.name}", ["outcomes"])

    def _role(self, initiative: Initiative, partner: Partner | None, role: str | None) -> None:
        if partner is None:
            return
        _, made = InitiativePartner.objects.get_or_create(
            initiative=initiative, partner=partner, role=role or PartnerRole.PARTNER
        )
        if made:
            self.report.add("partner roles")

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
            "sources": "\n".join(_merged(initiative.source_list, facts.sources)),
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
                child.parent = umbrella
                child.save(update_fields=["parent", "updated_at"])
                self._changed(child, f"initiative {child.name}", ["parent"])

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

    # -- meetings ----------------------------------------------------------------------------

    def load_meetings(self) -> None:
        for facts in self.record.meetings:
            self.meetings[facts.number] = self._meeting(facts)
        if self.record.planned:
            self._planned(self.record.planned)

    def _meeting(self, facts: MeetingFacts) -> Meeting:
        meeting = Meeting.objects.filter(series=SERIES, number=facts.number).first() or Meeting(
            series=SERIES,
            number=facts.number,
            slug=tracking.unique_slug(
                Meeting, tracking.meeting_slug(SERIES, facts.number), max_length=80
            ),
        )
        chair, vice = facts.chair, facts.vice_chair
        notes = list(facts.notes)
        if facts.related_meetings:
            notes.append(f"Related meetings: {facts.related_meetings}.")
        if facts.theme_variants:
            notes.append("The theme is also reported as: " + "; ".join(facts.theme_variants) + ".")
        for who, person in (("chair", chair), ("vice-chair", vice)):
            if person and person.note:
                notes.append(f"The {who}: {person.note}.")
        if vice is None and facts.number:
            notes.append("No vice-chair is recorded in the sources.")
        first = facts.sources[0] if facts.sources else ""
        fact_sources = {}
        for fact, confidence in (
            ("dates", Confidence.HIGH if facts.dates.precision == "day" else Confidence.LOW),
            ("venue", Confidence.HIGH),
            ("chair", chair.confidence if chair else ""),
            ("vice_chair", vice.confidence if vice else ""),
            ("theme", facts.theme_confidence or Confidence.HIGH if facts.theme else ""),
            ("declaration", Confidence.HIGH if facts.declaration else ""),
        ):
            if confidence and first:
                fact_sources[fact] = [{"url": first, "confidence": str(confidence)}]
        date_text = ""
        if facts.dates.precision != "day":
            date_text = facts.dates.text + (f" ({facts.date_note})" if facts.date_note else "")
        values = {
            "title": f"{ordinal(facts.number)} ASEAN Digital Ministers' Meeting",
            "is_planned": False,
            "start_date": facts.dates.first,
            "end_date": facts.dates.last if facts.dates.precision == "day" else None,
            "date_text": date_text[:100],
            "venue": facts.place[:300],
            "host": self.partner(facts.host_country),
            "chair_name": chair.name if chair else "",
            "chair_title": (chair.title if chair else "")[:300],
            "chair_country": self.partner(chair.country) if chair else None,
            "vice_chair_name": vice.name if vice else "",
            "vice_chair_title": (vice.title if vice else "")[:300],
            "vice_chair_country": self.partner(vice.country) if vice else None,
            "theme": facts.theme[:300],
            "declaration": facts.declaration[:300],
            "sources": "\n".join(facts.sources),
            "fact_sources": fact_sources,
            "notes": "\n".join(notes),
        }
        if meeting.pk and meeting.statements.exists():
            # The meeting's own statement is better evidence than reports of it: reports only
            # fill what it left blank, and add their sources.
            values = {
                name: value
                for name, value in values.items()
                if getattr(meeting, name) in ("", None, {}) or name == "fact_sources"
            }
            values["fact_sources"] = {**fact_sources, **(meeting.fact_sources or {})}
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")
        return meeting

    def _planned(self, planned: PlannedMeeting) -> None:
        meeting = Meeting.objects.filter(series=SERIES, number=planned.number).first()
        if meeting is not None and not meeting.is_planned:
            return  # already held: what happened wins over what was announced
        meeting = meeting or Meeting(
            series=SERIES,
            number=planned.number,
            slug=tracking.unique_slug(
                Meeting, tracking.meeting_slug(SERIES, planned.number), max_length=80
            ),
        )
        host = self.partner(planned.country)
        announced = self.meetings.get(planned.announced_at)
        source = announced.source_list[0] if announced and announced.source_list else ""
        values = {
            "title": f"{ordinal(planned.number)} ASEAN Digital Ministers' Meeting",
            "is_planned": True,
            "start_date": planned.dates.first,
            "end_date": None,
            "date_text": planned.dates.text,
            "venue": f"{planned.city}, {host.name if host else planned.country}",
            "host": host,
            "sources": source,
            "fact_sources": {"dates": [{"url": source, "confidence": "medium"}]} if source else {},
            "notes": f"Announced at the {ordinal(planned.announced_at)} ADGMIN (as reported).",
        }
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")

    def partner_meeting(self, adgmin: Meeting, outcome: ReportedOutcome) -> Meeting | None:
        """The dialogue partner's own ministers' meeting the report names, held with the ADGMIN."""
        match = PARTNER_MEETING.search(f"{outcome.initiative} {outcome.action}")
        if match is None:
            for word, series in PARTNER_SERIES.items():
                if outcome.initiative.startswith(f"ASEAN-{word} Digital Ministers"):
                    return self.partner_meetings[adgmin.number].get(series)
            return None
        series, number = PARTNER_SERIES[match["p"]], int(match["n"])
        held = datetime.strptime(match["day"], "%d %b %Y").date()
        meeting = Meeting.objects.filter(series=series, number=number).first() or Meeting(
            series=series,
            number=number,
            slug=tracking.unique_slug(
                Meeting, tracking.meeting_slug(series, number), max_length=80
            ),
        )
        values = {
            "title": f"{ordinal(number)} ASEAN-{match['p']} Digital Ministers' Meeting",
            "is_planned": False,
            "start_date": held,
            "end_date": held,
            "venue": adgmin.venue,
            "host": adgmin.host,
            "sources": outcome.source,
            "fact_sources": {"dates": [{"url": outcome.source, "confidence": outcome.confidence}]}
            if outcome.source
            else {},
            "notes": f"Held with the {adgmin.short_name} (as reported).",
        }
        self._save(meeting, values, f"meeting {meeting.short_name}", "meetings")
        self.partner_meetings[adgmin.number][series] = meeting
        return meeting

    # -- reported outcomes -> report-based mentions ------------------------------------------

    def load_outcomes(self) -> None:
        for facts in self.record.meetings:
            adgmin = self.meetings[facts.number]
            grouped: dict[tuple[int, int], list[ReportedOutcome]] = defaultdict(list)
            initiatives: dict[int, Initiative] = {}
            for outcome in facts.outcomes:
                meeting = self.partner_meeting(adgmin, outcome) or adgmin
                for initiative in self.resolve(outcome.initiative):
                    self.work_plan_facts(initiative)
                    grouped[(meeting.pk, initiative.pk)].append(outcome)
                    initiatives[initiative.pk] = initiative
                    self.meetings_by_pk[meeting.pk] = meeting
            for (meeting_pk, initiative_pk), outcomes in grouped.items():
                self._mention(self.meetings_by_pk[meeting_pk], initiatives[initiative_pk], outcomes)

    meetings_by_pk: dict[int, Meeting]

    def _status(self, outcome: ReportedOutcome, initiative: Initiative, meeting: Meeting) -> str:
        status = outcome.status
        if outcome.reference_status != "launched" or initiative.kind not in FACILITY_KINDS:
            return status
        # "Launched X" of a facility means it exists; if it already ran before this meeting,
        # what the meeting acknowledged is its operation.
        facts = self.facts_of.get(initiative.pk)
        for event in facts.timeline if facts else ():
            if RUNNING.search(event.event) and event.when.last < meeting.start_date:
                return Status.IMPLEMENTING
        return status

    def _mention(self, meeting: Meeting, initiative: Initiative, outcomes: list[ReportedOutcome]):
        statuses = [self._status(o, initiative, meeting) for o in outcomes]
        status = max(
            statuses,
            key=lambda s: (s in (Status.COMPLETED, Status.SUPERSEDED), STATUS_RANK.get(s, 0)),
        )
        confidences = [o.confidence for o in outcomes]
        notes = []
        for outcome in outcomes:
            if re.search(r"\b(differ|conflict|contradict)", outcome.action, re.I):
                notes.append(f"Reports differ: {outcome.action}.")
                confidences.append(_lower(outcome.confidence))
            if outcome.source_note:
                notes.append(f"Source: {outcome.source_note}.")
        if len({s for s in statuses}) > 1:
            said = "; ".join(f"{o.action} ({o.reference_status})" for o in outcomes)
            notes.append(f"Reports differ on what was decided: {said}.")
            confidences.append(_lower(_weakest(confidences)))
        also = [u for o in outcomes for u in (o.source, *o.also) if u]
        source = next((o.source for o in outcomes if o.source), "")
        others = [u for u in dict.fromkeys(also) if u != source]
        if others:
            notes.append("Also reported by: " + " ".join(others))
        values = {
            "phrase": "; ".join(dict.fromkeys(o.action for o in outcomes))[:500],
            "matched_text": outcomes[0].initiative[:300],
            "status": status,
            "is_confirmed": True,
            "evidence": EvidenceKind.REPORT,
            "source_url": source[:500],
            "publisher": publisher_of(source)[:200],
            "confidence": _weakest(confidences),
            "note": "\n".join(dict.fromkeys(notes)),
        }
        mention = Mention.objects.filter(
            meeting=meeting, initiative=initiative, paragraph__isnull=True
        ).first() or Mention(meeting=meeting, initiative=initiative)
        if mention.pk and mention.evidence != EvidenceKind.REPORT:
            self.report.skipped.append(
                f"{initiative.name} at the {meeting.short_name}: an officer's entry is kept"
            )
            return
        if self._save(
            mention,
            values,
            f"mention of {initiative.name} at the {meeting.short_name}",
            "report-based mentions",
        ):
            self.touched.add(initiative.pk)

    # -- timelines: what happened between meetings, and what is expected ---------------------

    def load_timelines(self) -> None:
        held = [m for m in self.meetings.values() if m.start_date]
        latest = max((m.start_date for m in held), default=None)
        for pk, facts in self.facts_of.items():
            initiative = Initiative.objects.get(pk=pk)
            for event in facts.timeline:
                if event.is_plan:
                    if latest and event.when.last > latest:
                        self._expectation(initiative, event.when, facts)
                    continue
                if any(_during(event.when, m) for m in held):
                    continue  # a meeting's outcome: its report-based mention tells it
                if event.when.precision == "year":
                    self.report.skipped.append(
                        f"{initiative.name}, {event.when.text}: {event.event} (no month or day)"
                    )
                    continue
                self._timeline_update(initiative, event.when, event.event, event.source)

    def _timeline_update(self, initiative: Initiative, when: FuzzyDate, event: str, url: str):
        summary = f"Reported ({when.text}): {event}."
        update = (
            ProgressUpdate.objects.filter(
                initiative=initiative,
                date=when.first,
                author__isnull=True,
                member_state__isnull=True,
            )
            .filter(**({"evidence_url": url} if url else {"summary": summary}))
            .first()
        ) or ProgressUpdate(initiative=initiative, date=when.first)
        if self._save(
            update,
            {"summary": summary, "evidence_url": url[:500]},
            f"reported event of {initiative.name} on {when.text}",
            "reported events",
        ):
            self.touched.add(initiative.pk)

    def _expectation(self, initiative: Initiative, when: FuzzyDate, facts: InitiativeFacts):
        said = (
            Mention.objects.filter(initiative=initiative, meeting__is_planned=False)
            .exclude(status="")
            .order_by("-meeting__start_date")
            .values_list("status", flat=True)
            .first()
        )
        values = {
            "expected_date": when.first,
            "expected_text": when.text,
            "expected_precision": when.precision,
            "expected_status": said or "",
        }
        if self._save(initiative, values, f"initiative {initiative.name}", "initiatives"):
            self.touched.add(initiative.pk)

    # -- statements already stored -----------------------------------------------------------

    def reconcile(self) -> None:
        for meeting in {m.pk: m for m in self.meetings_by_pk.values()}.values():
            outcome = meeting_reports_reconcile(meeting=meeting)
            if outcome.replaced:
                self.report.changed_field(
                    f"meeting {meeting.short_name}",
                    [f"{len(outcome.replaced)} reports replaced by the statement's quotations"],
                )
            if outcome.flagged:
                self.report.changed_field(
                    f"meeting {meeting.short_name}",
                    [f"{len(outcome.flagged)} reports the statement does not support flagged"],
                )
            self.touched |= outcome.initiative_ids

    def refresh_statuses(self) -> None:
        for initiative in Initiative.objects.filter(pk__in=self.touched):
            tracking.initiative_refresh_status(initiative=initiative)


def _during(when: FuzzyDate, meeting: Meeting) -> bool:
    end = meeting.end_date or meeting.start_date
    if when.precision == "day":
        return meeting.start_date <= when.first <= end
    if when.precision == "month":
        return (when.first.year, when.first.month) == (
            meeting.start_date.year,
            meeting.start_date.month,
        )
    return False


def _merged(existing: list[str], new: list[str]) -> list[str]:
    seen = {e.casefold() for e in existing}
    result = list(existing)
    for item in new:
        if item and item.casefold() not in seen:
            result.append(item)
            seen.add(item.casefold())
    return result


def guess_kind(name: str) -> str:
    for pattern, kind in KIND_WORDS:
        if re.search(pattern, name, re.I):
            return kind
    return InitiativeKind.OTHER


def catalogue_load(path: Path = CATALOGUE_PATH) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@transaction.atomic
def reference_load(*, record: ReferenceRecord, catalogue: dict | None = None) -> LoadReport:
    """Load or refresh the record: partners, initiatives, meetings, report-based mentions."""
    loader = _Loader(record, catalogue_load() if catalogue is None else catalogue)
    loader.meetings_by_pk = {}
    loader.load_partners()
    loader.load_catalogue_initiatives()
    loader.load_reference_initiatives()
    loader.load_meetings()
    loader.meetings_by_pk.update({m.pk: m for m in loader.meetings.values()})
    loader.load_outcomes()
    loader.link_catalogue()
    loader.link_umbrellas()
    loader.load_timelines()
    loader.reconcile()
    loader.refresh_statuses()
    for step in STEPS:  # the apps above mark theirs (implementation's national scope)
        import_string(step)(loader.report)
    return loader.report


def reference_load_file(path: Path) -> LoadReport:
    from .schema import parse_reference

    return reference_load(record=parse_reference(path.read_text(encoding="utf-8")))
