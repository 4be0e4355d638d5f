"""Reads the importer needs from the database, detached into plain objects for the pipeline."""

from __future__ import annotations

from partners.models import Partner

from ..models import ImportJob, Initiative, StatusRule
from .classify import Rule
from .matcher import INITIATIVE, PARTNER, Catalogue, Entry


def catalogue_load() -> Catalogue:
    """Every initiative and partner with every spelling the importer should recognise."""
    entries: list[Entry] = []
    for initiative in Initiative.objects.only(
        "id", "name", "acronym", "aliases", "kind", "work_plan_partner_id", "work_plan_year"
    ):
        entries.append(
            Entry(
                kind=INITIATIVE,
                id=initiative.pk,
                name=initiative.name,
                names=tuple(initiative.names()),
                acronym=initiative.acronym,
                category=initiative.kind,
                work_plan_partner_id=initiative.work_plan_partner_id,
                work_plan_year=initiative.work_plan_year,
            )
        )
    for partner in Partner.objects.only("id", "name", "short_name", "aliases", "kind"):
        entries.append(
            Entry(
                kind=PARTNER,
                id=partner.pk,
                name=partner.name,
                names=tuple(partner.names()),
                acronym=partner.short_name,
                category=partner.kind,
            )
        )
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
