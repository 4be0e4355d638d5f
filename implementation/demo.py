"""Example implementation records for the demo: a few initiatives member states carry out at home,
and records for three states, all marked as example content (not real reports).

Called once from tracker/demo/loader.py after the initiatives are loaded; loading twice changes
nothing. The rows are written directly (no user exists yet when the demo loads); their history
starts with the load.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from initiatives.models import Initiative
from partners.models import Partner

from .choices import Stage, Verification
from .models import ImplementationRecord, NationalScope

EXAMPLE_NOTE = "Example content for the demo, not a real report."

# Initiatives the secretariat asks each member state to carry out at home.
NATIONAL = [
    "ASEAN Model Contractual Clauses for Cross Border Data Flows",
    "ASEAN Data Management Framework",
    "ASEAN Guide on AI Governance and Ethics",
]
# (initiative, state, stage, as of, verified?)
EXAMPLES = [
    (NATIONAL[0], "Malaysia", Stage.IN_PROGRESS, date(2025, 11, 3), True),
    (NATIONAL[1], "Malaysia", Stage.PLANNING, date(2025, 9, 15), False),
    (NATIONAL[2], "Malaysia", Stage.IN_PROGRESS, date(2025, 6, 30), False),
    (NATIONAL[0], "Singapore", Stage.IMPLEMENTED, date(2024, 12, 2), True),
    (NATIONAL[1], "Singapore", Stage.IMPLEMENTED, date(2025, 3, 10), True),
    (NATIONAL[2], "Singapore", Stage.IMPLEMENTED, date(2024, 8, 20), False),
    (NATIONAL[0], "Timor-Leste", Stage.NOT_STARTED, date(2025, 11, 20), False),
    (NATIONAL[2], "Timor-Leste", Stage.PLANNING, date(2026, 3, 1), False),
]


def load_demo_implementation(report=None) -> int:
    """Mark the demo's national initiatives and add the example records; returns rows created."""
    created = 0
    initiatives = {i.name: i for i in Initiative.objects.filter(name__in=NATIONAL)}
    for initiative in initiatives.values():
        if not NationalScope.objects.filter(initiative=initiative).exists():
            NationalScope.objects.create(
                initiative=initiative, note="Example: tracked per member state in the demo."
            )
    states = {p.name: p for p in Partner.objects.member_states()}
    for name, state_name, stage, as_of, verified in EXAMPLES:
        initiative, state = initiatives.get(name), states.get(state_name)
        if initiative is None or state is None:
            continue
        if ImplementationRecord.objects.filter(initiative=initiative, member_state=state).exists():
            continue
        ImplementationRecord.objects.create(
            initiative=initiative,
            member_state=state,
            stage=stage,
            as_of=as_of,
            note=EXAMPLE_NOTE,
            is_example=True,
            verification=Verification.VERIFIED if verified else Verification.UNVERIFIED,
            verified_at=timezone.now() if verified else None,
        )
        created += 1
        if report is not None:
            report.count("implementation records", True)
    return created
