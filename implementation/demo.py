"""Example implementation records for the demo: a few initiatives member states carry out at home,
and records for three states, all marked as example content (not real reports).

Called from initiatives/demo/loader.py (a step registered in apps.py) after the initiatives are
loaded; loading twice changes nothing. The rows are written directly (no user exists yet when
the demo loads); their history starts with the load.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

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
# (initiative, state, [(stage, as of), ...] oldest first, verified?). Each step is one history
# row dated on its as-of day, so the scorecard's chart and "changed since" have a past to show.
EXAMPLES = [
    (NATIONAL[0], "Malaysia", [(Stage.PLANNING, date(2023, 5, 2)),
                               (Stage.IN_PROGRESS, date(2025, 11, 3))], True),
    (NATIONAL[1], "Malaysia", [(Stage.NOT_STARTED, date(2024, 1, 8)),
                               (Stage.PLANNING, date(2026, 2, 16))], False),
    (NATIONAL[2], "Malaysia", [(Stage.IN_PROGRESS, date(2025, 6, 30))], False),
    (NATIONAL[0], "Singapore", [(Stage.IN_PROGRESS, date(2023, 3, 1)),
                                (Stage.IMPLEMENTED, date(2024, 12, 2))], True),
    (NATIONAL[1], "Singapore", [(Stage.IMPLEMENTED, date(2025, 3, 10))], True),
    (NATIONAL[2], "Singapore", [(Stage.IMPLEMENTED, date(2024, 8, 20))], False),
    (NATIONAL[0], "Timor-Leste", [(Stage.NOT_STARTED, date(2025, 11, 20))], False),
    (NATIONAL[2], "Timor-Leste", [(Stage.PLANNING, date(2026, 3, 1))], False),
]  # fmt: skip


def _noon(day: date):
    return timezone.make_aware(datetime.combine(day, time(12)))


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
    for name, state_name, steps, verified in EXAMPLES:
        initiative, state = initiatives.get(name), states.get(state_name)
        if initiative is None or state is None:
            continue
        if ImplementationRecord.objects.filter(initiative=initiative, member_state=state).exists():
            continue
        record = ImplementationRecord(
            initiative=initiative, member_state=state, note=EXAMPLE_NOTE, is_example=True
        )
        for n, (stage, as_of) in enumerate(steps, start=1):
            record.stage, record.as_of, record.version = stage, as_of, n
            if n == len(steps) and verified:
                record.verification = Verification.VERIFIED
                record.verified_at = _noon(min(as_of + timedelta(days=14), timezone.localdate()))
            record.save()
            latest = record.history.order_by("-history_id").first()
            record.history.filter(history_id=latest.history_id).update(history_date=_noon(as_of))
        created += 1
        if report is not None:
            report.count("implementation records", True)
    return created
