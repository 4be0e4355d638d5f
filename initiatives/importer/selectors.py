"""Reads the importer needs from the database, detached into plain objects for the pipeline."""

from __future__ import annotations

from partners.models import Partner

from ..models import ImportJob, Initiative, StatusRule
from .classify import Rule
from .matcher import INITIATIVE, PARTNER, Catalogue, Entry


def _entry(kind: str, record, acronym: str, **extra) -> Entry:
    """A named record (initiative or partner) with every spelling the importer should know."""
    return Entry(
        kind=kind,
        id=record.pk,
        name=record.name,
        names=tuple(record.names()),
        acronym=acronym,
        category=record.kind,
        **extra,
    )


def catalogue_load() -> Catalogue:
    """Every initiative and partner with every spelling the importer should recognise."""
    entries: list[Entry] = []
    for initiative in Initiative.objects.only(
        "id", "name", "acronym", "aliases", "kind", "work_plan_partner_id", "work_plan_year"
    ):
        entries.append(
            _entry(
                INITIATIVE,
                initiative,
                initiative.acronym,
                work_plan_partner_id=initiative.work_plan_partner_id,
                work_plan_year=initiative.work_plan_year,
            )
        )
    for partner in Partner.objects.only("id", "name", "short_name", "aliases", "kind"):
        entries.append(_entry(PARTNER, partner, partner.short_name))
    return Catalogue(entries)


def status_rules() -> list[Rule]:
    """The enabled phrase-to-status rules, highest priority first."""
    return [
        Rule(
            pattern=r.pattern,
            match_kind=r.match_kind,
            status=r.status,
            priority=r.priority,
            id=r.pk,
        )
        for r in StatusRule.objects.filter(enabled=True).order_by("-priority", "pattern")
    ]


def import_jobs_recent(limit: int = 20):
    return ImportJob.objects.select_related("created_by", "statement__meeting").defer("content")[
        :limit
    ]
