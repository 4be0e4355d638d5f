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

from django.db import transaction
from django.utils.module_loading import import_string

from . import STEPS
from .facts import ReferenceRecord
from .loader import LoadReport
from .meetings import MeetingsStage
from .mentions import MentionsStage
from .names import name_key
from .records import RecordsStage, catalogue_load

# What callers read from here besides the load itself.
__all__ = ["LoadReport", "catalogue_load", "name_key", "reference_load"]


class _Loader(RecordsStage, MeetingsStage, MentionsStage):
    """The stages over one shared state; reference_load runs them in order."""


@transaction.atomic
def reference_load(*, record: ReferenceRecord, catalogue: dict | None = None) -> LoadReport:
    """Load or refresh the record: partners, initiatives, meetings, report-based mentions."""
    loader = _Loader(record, catalogue_load() if catalogue is None else catalogue)
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
