"""Keep an initiative's stored status and tracking facts in step with its evidence.

Lists, filters, exports, the API, the stale filter and the dashboard read these across
thousands of initiatives, where a subquery per row costs more than the page. All of them come
from the status engine (initiatives/status.py) reading the evidence:
- status, status_changed_on (since), status_reaffirmed_on;
- mention_count: mentions at any meeting, a report replaced by a quotation not counted twice;
- last_mentioned_on: start of the latest held meeting that mentioned it;
- last_update_on: date of the latest officer progress update that is not withdrawn;
- last_evidence_on: the latest evidence of any kind, for "stale";
- expected_by / expected_met: the expected step's last day, and whether it has happened.

Signals rather than a call in each service, so that every way a mention, update or meeting is
saved or deleted (services, the importer, the admin, a cascade) keeps them right. Bulk writes send
no signal: whatever bulk-creates mentions or updates calls refresh_tracking() itself (the
benchmark's dataset does).
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import status as engine
from .models import Initiative, Meeting, Mention, ProgressUpdate
from .selectors.evidence import evidence_by_initiative, meeting_keys
from .status import Source

# The stored facts, all derived from evidence by the status engine.
TRACKED_FIELDS = (
    "status",
    "status_changed_on",
    "status_reaffirmed_on",
    "mention_count",
    "last_mentioned_on",
    "last_update_on",
    "last_evidence_on",
    "expected_by",
    "expected_met",
)
_CHUNK = 2_000


def tracked_facts(evidence: list[engine.Evidence], expectation: tuple) -> dict:
    """The stored facts of one initiative from its evidence (one rule: the status engine)."""
    holding = engine.status_on(evidence)
    expected_on, precision, expected_status = expectation
    counted = [e for e in evidence if not e.replaced and e.meeting is not None]
    mentioned = [e.on for e in counted if e.counts]
    updated = [e.on for e in evidence if e.source == Source.UPDATE and e.moves_status]
    return {
        "status": holding.status,
        "status_changed_on": holding.since,
        "status_reaffirmed_on": holding.reaffirmed_on,
        "mention_count": len(counted),
        "last_mentioned_on": max(mentioned, default=None),
        "last_update_on": max(updated, default=None),
        "last_evidence_on": engine.last_evidence_on(evidence),
        "expected_by": engine.due_by(expected_on, precision) if expected_on else None,
        "expected_met": engine.expectation_met(
            expected_status=expected_status, held=holding.status
        ),
    }


def refresh_tracking(initiatives=None) -> int:
    """Recompute the stored facts of the given initiatives (a queryset or ids; all when None).

    Writes with update()/bulk_update(): no save(), so no history row, no change to updated_at,
    and no stale copy of the initiative written over somebody's edit. Returns rows changed.
    """
    if initiatives is None:
        queryset = Initiative.objects.all()
    elif isinstance(initiatives, QuerySet):
        queryset = initiatives
    else:
        queryset = Initiative.objects.filter(pk__in=list(initiatives))
    meetings = meeting_keys()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        evidence = evidence_by_initiative(chunk, meetings=meetings)
        rows = Initiative.objects.filter(pk__in=chunk).only(
            "pk", "expected_date", "expected_precision", "expected_status", *TRACKED_FIELDS
        )
        dirty = []
        for row in rows:
            facts = tracked_facts(
                evidence.get(row.pk, []),
                (row.expected_date, row.expected_precision, row.expected_status),
            )
            if any(getattr(row, name) != value for name, value in facts.items()):
                for name, value in facts.items():
                    setattr(row, name, value)
                dirty.append(row)
        if dirty:
            Initiative.objects.bulk_update(dirty, TRACKED_FIELDS, batch_size=500)
            changed += len(dirty)
    return changed


def _refresh(*initiative_ids) -> None:
    ids = {pk for pk in initiative_ids if pk is not None}
    if ids:
        refresh_tracking(ids)


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="tracking_update_saved")
@receiver(post_delete, sender=ProgressUpdate, dispatch_uid="tracking_update_deleted")
def _progress_update_changed(sender, instance: ProgressUpdate, **kwargs) -> None:
    _refresh(instance.initiative_id, getattr(instance, "_tracking_was", None))


@receiver(post_save, sender=Mention, dispatch_uid="tracking_mention_saved")
@receiver(post_delete, sender=Mention, dispatch_uid="tracking_mention_deleted")
def _mention_changed(sender, instance: Mention, **kwargs) -> None:
    _refresh(instance.initiative_id, getattr(instance, "_tracking_was", None))


@receiver(pre_save, sender=Mention, dispatch_uid="tracking_mention_moving")
@receiver(pre_save, sender=ProgressUpdate, dispatch_uid="tracking_update_moving")
def _remember_initiative(sender, instance, raw=False, **kwargs) -> None:
    """A mention or update moved to another initiative (a merge) leaves the old one to refresh."""
    if raw or instance.pk is None:
        return
    was = sender.objects.filter(pk=instance.pk).values_list("initiative_id", flat=True).first()
    if was != instance.initiative_id:
        instance._tracking_was = was


@receiver(post_save, sender=Meeting, dispatch_uid="tracking_meeting_saved")
def _meeting_changed(sender, instance: Meeting, created: bool, **kwargs) -> None:
    # Its date and planned flag decide last_mentioned_on of everything it mentions.
    if not created:
        refresh_tracking(
            Initiative.objects.filter(
                pk__in=Mention.objects.filter(meeting=instance).values("initiative_id")
            )
        )


@receiver(post_save, sender=Initiative, dispatch_uid="tracking_initiative_saved")
def _initiative_saved(sender, instance: Initiative, raw=False, update_fields=None, **kw) -> None:
    """An edited expected date needs its last day and whether the status has met it.

    Only the expectation: the status itself moves with evidence (mentions, updates), which
    their own signals refresh, and is not an editable field of the initiative.
    """
    if raw or (update_fields is not None and set(update_fields) <= set(TRACKED_FIELDS)):
        return
    expected_by = (
        engine.due_by(instance.expected_date, instance.expected_precision)
        if instance.expected_date
        else None
    )
    met = engine.expectation_met(expected_status=instance.expected_status, held=instance.status)
    if (instance.expected_by, instance.expected_met) != (expected_by, met):
        Initiative.objects.filter(pk=instance.pk).update(expected_by=expected_by, expected_met=met)
        instance.expected_by, instance.expected_met = expected_by, met
