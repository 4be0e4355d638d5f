"""Implementation records for the benchmark's synthetic dataset (initiatives/benchmark/dataset.py).

Every synthetic initiative is tracked per member state, the worst case for the grid, and about
three records in five exist, spread over the stages and verifications.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .choices import Stage, Verification
from .models import ImplementationRecord, NationalScope

BATCH = 5_000


def add_benchmark_records(initiatives, states, *, rng: random.Random, today: date) -> int:
    """Bulk-insert the scope and records (no history rows: the benchmark measures reading)."""
    NationalScope.objects.bulk_create(
        (NationalScope(initiative=i) for i in initiatives), batch_size=BATCH
    )
    stages, verifications = Stage.values, Verification.values
    records = []
    for initiative in initiatives:
        for state in states:
            if rng.random() < 0.4:
                continue
            verification = rng.choice(verifications)
            records.append(
                ImplementationRecord(
                    initiative=initiative,
                    member_state=state,
                    stage=rng.choice(stages),
                    as_of=today - timedelta(days=rng.randrange(0, 900)),
                    verification=verification,
                    verified_at=None if verification != Verification.VERIFIED else _noon(today),
                    query_reason="Source?" if verification == Verification.QUERIED else "",
                )
            )
    ImplementationRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _noon(day: date):
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(12)))
