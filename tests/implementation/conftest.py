"""Fixtures of the implementation tests: tracked initiatives, member states, records."""

from datetime import date

import pytest

from implementation.models import ImplementationRecord, NationalScope
from initiatives.models import DesiredOutcome, Initiative, Meeting
from partners.models import Partner


@pytest.fixture
def timor(db):
    return Partner.objects.create(
        name="Timor-Leste",
        slug="timor-leste",
        kind="member_state",
        country_code="TL",
        member_since=date(2025, 10, 26),
    )


@pytest.fixture
def adm(db):
    plan = Initiative.objects.create(
        name="ASEAN Digital Masterplan 2025", slug="adm-2025", acronym="ADM 2025", kind="masterplan"
    )
    DesiredOutcome.objects.create(masterplan=plan, code="DO3", title="Trusted digital services")
    DesiredOutcome.objects.create(masterplan=plan, code="DO6", title="Cross-border trade")
    return plan


def make_tracked(name: str, slug: str, **extra) -> Initiative:
    initiative = Initiative.objects.create(name=name, slug=slug, **extra)
    NationalScope.objects.create(initiative=initiative)
    return initiative


@pytest.fixture
def mccs(adm):
    initiative = make_tracked(
        "ASEAN Model Contractual Clauses", "mccs", acronym="MCCs", kind="model", status="adopted"
    )
    initiative.outcomes.add(adm.desired_outcomes.get(code="DO6"))
    return initiative


@pytest.fixture
def ai_guide(adm):
    initiative = make_tracked("ASEAN Guide on AI Governance and Ethics", "ai-guide", kind="guide")
    initiative.outcomes.add(adm.desired_outcomes.get(code="DO3"))
    return initiative


@pytest.fixture
def regional_only(db):
    return Initiative.objects.create(name="ASEAN Digital Index", slug="adix")


@pytest.fixture
def meetings(db):
    held = Meeting.objects.create(
        series="ADGMIN", number=6, slug="adgmin-6", start_date=date(2026, 1, 15)
    )
    planned = Meeting.objects.create(
        series="ADGMIN", number=7, slug="adgmin-7", start_date=date(2027, 1, 20), is_planned=True
    )
    return held, planned


def record(initiative, state, stage="in_progress", as_of=date(2025, 12, 1), **extra):
    return ImplementationRecord.objects.create(
        initiative=initiative, member_state=state, stage=stage, as_of=as_of, **extra
    )
