"""Load the demo dataset: the reference record, the 3rd ADGMIN statement, example activity.

`load_demo` loads the reference record of the series (initiatives/reference/, as
`python manage.py load_reference` does), imports the statements listed in demo.yaml through
the importer (which turns the reports its quotations confirm into second sources), and adds the
example activity of initiatives/demo/examples.py when the demo users exist. Every record is looked
up by its natural key first, so loading twice changes nothing.

demo.yaml's partners, meetings and initiatives are the catalogue as it stood in 2023; the
importer's tests load them alone (`_load_partners` and the like) to import the 3rd statement
into a tracker that knows nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.module_loading import import_string

from initiatives import services
from initiatives.choices import PartnerRole
from initiatives.importer.services import proposal_confirm, proposal_prepare
from initiatives.models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    Meeting,
    Statement,
)
from initiatives.reference import DEFAULT_PATH as REFERENCE_PATH
from initiatives.reference.schema import parse_reference
from initiatives.reference.services import reference_load
from initiatives.topics import topics_suggest_for_all
from partners.models import Partner
from tracker.slugs import unique_slug
from tracker.text import text_checksum

from . import STEPS
from .examples import examples_add

DEMO_DIR = Path(__file__).resolve().parent


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool | int) -> None:
        if created:
            self.created[what] = self.created.get(what, 0) + int(created)

    def __str__(self) -> str:
        if not self.created:
            return "Demo data already loaded: nothing changed."
        parts = ", ".join(f"{n} {what}" for what, n in self.created.items())
        return f"Demo data loaded: created {parts}."


def _partner(name: str | None) -> Partner | None:
    if not name:
        return None
    return Partner.objects.filter(name=name).first() or Partner.objects.get(short_name=name)


def _load_partners(rows: list[dict], report: LoadReport) -> None:
    for row in rows:
        partner, created = Partner.objects.get_or_create(
            name=row["name"],
            defaults={
                "slug": unique_slug(Partner, row.get("short_name") or row["name"]),
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "country_code": row.get("country_code", ""),
                "member_since": row.get("member_since"),
                "aliases": "\n".join(row.get("aliases", [])),
            },
        )
        report.count("partners", created)
    for row in rows:  # parents may be listed after their children
        if row.get("parent"):
            Partner.objects.filter(name=row["name"], parent__isnull=True).update(
                parent=_partner(row["parent"])
            )


def _load_meetings(rows: list[dict], report: LoadReport) -> None:
    for row in rows:
        chair, vice = row.get("chair", {}), row.get("vice_chair", {})
        _, created = Meeting.objects.get_or_create(
            series=row["series"],
            number=row["number"],
            defaults={
                "slug": services.meeting_slug(row["series"], row["number"]),
                "title": row.get("title", ""),
                "is_planned": row.get("is_planned", False),
                "start_date": row.get("start_date"),
                "end_date": row.get("end_date"),
                "date_text": row.get("date_text", ""),
                "venue": row.get("venue", ""),
                "host": _partner(row.get("host")),
                "chair_name": chair.get("name", ""),
                "chair_title": chair.get("title", ""),
                "chair_country": _partner(chair.get("country")),
                "vice_chair_name": vice.get("name", ""),
                "vice_chair_title": vice.get("title", ""),
                "vice_chair_country": _partner(vice.get("country")),
                "theme": row.get("theme", ""),
                "declaration": row.get("declaration", ""),
                "sources": "\n".join(row.get("sources", [])),
                "notes": row.get("notes", ""),
            },
        )
        report.count("meetings", created)


def _load_initiatives(rows: list[dict], report: LoadReport) -> None:
    for row in rows:
        period = row.get("period") or [None, None]
        work_plan = row.get("work_plan") or [None, None]
        initiative, created = Initiative.objects.get_or_create(
            name=row["name"],
            defaults={
                "slug": unique_slug(Initiative, row.get("acronym") or row["name"]),
                "acronym": row.get("acronym", ""),
                "aliases": "\n".join(row.get("aliases", [])),
                "kind": row["kind"],
                "description": row.get("description", ""),
                "period_start": period[0],
                "period_end": period[1],
                "lead_body": _partner(row.get("lead_body")),
                "work_plan_partner": _partner(work_plan[0]),
                "work_plan_year": work_plan[1],
                "sources": "\n".join(row.get("sources", [])),
            },
        )
        report.count("initiatives", created)
        outcomes = row.get("outcomes") or {}
        if isinstance(outcomes, dict):  # a masterplan defines its desired outcomes
            for code, title in outcomes.items():
                _, made = DesiredOutcome.objects.get_or_create(
                    masterplan=initiative, code=code, defaults={"title": title}
                )
                report.count("desired outcomes", made)
        for link in row.get("partners", []):
            _, made = InitiativePartner.objects.get_or_create(
                initiative=initiative,
                partner=_partner(link["partner"]),
                role=link.get("role", PartnerRole.PARTNER),
            )
            report.count("partner roles", made)
    adm = Initiative.objects.filter(acronym="ADM 2025").first()
    for row in rows:
        initiative = Initiative.objects.get(name=row["name"])
        if row.get("parent") and initiative.parent_id is None:
            initiative.parent = Initiative.objects.get(name=row["parent"])
            initiative.save(update_fields=["parent"])
        codes = row.get("outcomes")
        if isinstance(codes, list) and adm is not None:
            initiative.outcomes.add(*DesiredOutcome.objects.filter(masterplan=adm, code__in=codes))


def _as_date(value) -> date | None:
    """A date the demo file gives as a YAML date or as ISO text."""
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _load_statements(rows: list[dict], report: LoadReport) -> None:
    """Statements go through the importer, confirmed as proposed, exactly as an officer would."""
    for row in rows:
        data = (DEMO_DIR / row["file"]).read_bytes()
        if Statement.objects.filter(checksum=text_checksum(data.decode("utf-8"))).exists():
            continue
        proposal = proposal_prepare(data, filename=row["file"])
        statement = proposal.statement
        statement.kind = row["kind"]
        statement.title = row.get("title", statement.title)
        statement.source_url = row.get("source_url", "")
        statement.issued_on = _as_date(row.get("issued_on"))
        outcome = proposal_confirm(proposal=proposal, notify=False)  # no one to tell yet
        report.count("statements", outcome.changed)
        for _ in outcome.created:
            report.count("initiatives (proposed by the importer)", True)
        for _ in range(outcome.mentions):
            report.count("mentions", True)


def _load_mentions(rows: list[dict], report: LoadReport) -> None:
    for row in rows:
        meeting = Meeting.objects.get(series="ADGMIN", number=row["meeting"])
        initiative = Initiative.objects.get(name=row["initiative"])
        exists = meeting.mentions.filter(initiative=initiative, paragraph__isnull=True).exists()
        if exists:
            continue
        services.mention_record(
            meeting=meeting,
            initiative=initiative,
            phrase=row.get("phrase", ""),
            status=row.get("status") or "",
            confirmed=True,
            source_url=row.get("source") or "",
        )
        report.count("mentions", True)


def _load_reference(report: LoadReport) -> None:
    """The record of the series from public reports: the same as `manage.py load_reference`."""
    loaded = reference_load(record=parse_reference(REFERENCE_PATH.read_text(encoding="utf-8")))
    for what, n in loaded.created.items():
        report.created[what] = report.created.get(what, 0) + n
    report.count("updates to records loaded before", len(loaded.updated))


@transaction.atomic
def load_demo(path: Path = DEMO_DIR / "demo.yaml") -> LoadReport:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    report = LoadReport()
    _load_reference(report)
    _load_statements(data.get("statements", []), report)
    for what, n in examples_add().items():
        report.count(f"example {what}", n)
    # The demo rows are written directly, not through services.initiative_create.
    topics_suggest_for_all()
    for step in STEPS:  # the apps above add theirs (implementation's records, registered)
        import_string(step)(report)
    return report
