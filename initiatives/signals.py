"""Keep an initiative's stored status and tracking facts in step with its evidence.

Lists, filters, exports, the API, the stale filter and the dashboard read these across
thousands of initiatives, where a subquery per row costs more than the page. All of them come
from the status engine (initiatives/status.py) reading the evidence:
- status, status_changed_on (since), status_reaffirmed_on;
- mention_count: mentions at any meeting, a report replaced by a quotation not counted twice;
- last_mentioned_on: start of the latest held meeting that mentioned it;
- last_update_on: date of the latest officer progress update that is not withdrawn;
- last_evidence_on: the latest evidence of any kind, for "stale";
- last_mention_evidence: how the latest held meeting's mention is known (the export says it);
- expected_by / expected_met: the expected step's last day, and whether it has happened.

Signals rather than a call in each service, so that every way a mention, update or meeting is
saved or deleted (services, the importer, the admin, a cascade) keeps them right. Bulk writes send
no signal: whatever bulk-creates mentions or updates calls refresh_tracking() itself (the
benchmark's dataset does).
"""

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver

from . import status as engine
from .models import Initiative, Meeting, Mention, ProgressUpdate, StatusAtMeeting
from .models.records import TRACKED_FIELDS
from .selectors.evidence import evidence_by_initiative, latest_mention_evidence, meeting_index
from .status import Source

_CHUNK = 2_000


def tracked_facts(reading: engine.Reading, expectation: tuple) -> dict:
    """The stored facts of one initiative from its evidence (one rule: the status engine)."""
    evidence = reading.evidence
    holding = reading.now()
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
    """Recompute the stored facts of the given initiatives (a queryset or ids; all when None),
    and their statuses at meetings (StatusAtMeeting), from one reading of their evidence.

    Writes with update()/bulk_update(): no save(), so no history row, no change to updated_at,
    and no stale copy of the initiative written over somebody's edit. Returns rows changed.
    """
    if initiatives is None:
        queryset = Initiative.objects.all()
    elif isinstance(initiatives, QuerySet):
        queryset = initiatives
    else:
        queryset = Initiative.objects.filter(pk__in=list(initiatives))
    index = meeting_index()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        evidence = evidence_by_initiative(chunk, meetings=index.keys)
        readings = {pk: engine.Reading(evidence.get(pk, [])) for pk in chunk}
        how_known = latest_mention_evidence(chunk)
        rows = Initiative.objects.filter(pk__in=chunk).only(
            "pk", "expected_date", "expected_precision", "expected_status", *TRACKED_FIELDS
        )
        dirty = []
        for row in rows:
            facts = tracked_facts(
                readings[row.pk], (row.expected_date, row.expected_precision, row.expected_status)
            )
            facts["last_mention_evidence"] = how_known.get(row.pk, "")
            if any(getattr(row, name) != value for name, value in facts.items()):
                for name, value in facts.items():
                    setattr(row, name, value)
                dirty.append(row)
        if dirty:
            Initiative.objects.bulk_update(dirty, TRACKED_FIELDS, batch_size=500)
            changed += len(dirty)
        _store_statuses_at_meetings(chunk, readings, index)
    return changed


_AT_MEETING_FIELDS = ("mentioned", "said", "before", "holds", "change", "last_seen_id")


def _store_statuses_at_meetings(chunk, readings, index) -> None:
    """Write the rows that differ from the engine's standings; leave the others alone."""
    wanted = {}
    for pk, reading in readings.items():
        for standing in engine.standings(reading, index.previous, index.following):
            change = standing.change
            last_seen = change.last_seen.id if change.last_seen else None
            wanted[(pk, standing.meeting.id)] = (
                standing.mentioned, standing.said, change.before, change.after, change.kind.value,
                last_seen,
            )  # fmt: skip
    stored = StatusAtMeeting.objects.filter(initiative_id__in=chunk).values_list(
        "pk", "initiative_id", "meeting_id", *_AT_MEETING_FIELDS
    )
    obsolete, kept = [], set()
    for row_pk, initiative_id, meeting_id, *values in stored:
        key = (initiative_id, meeting_id)
        if wanted.get(key) == tuple(values):
            kept.add(key)
        else:
            obsolete.append(row_pk)
    for start in range(0, len(obsolete), 900):
        StatusAtMeeting.objects.filter(pk__in=obsolete[start : start + 900]).delete()
    StatusAtMeeting.objects.bulk_create(
        [
            StatusAtMeeting(
                initiative_id=key[0],
                meeting_id=key[1],
                **dict(zip(_AT_MEETING_FIELDS, values, strict=True)),
            )
            for key, values in wanted.items()
            if key not in kept
        ],
        batch_size=500,
    )


def _refresh(*initiative_ids) -> None:
    ids = {pk for pk in initiative_ids if pk is not None}
    if ids:
        refresh_tracking(ids)


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="tracking_update_saved")
@receiver(post_delete, sender=ProgressUpdate, dispatch_uid="tracking_update_deleted")
def _progress_update_changed(sender, instance: ProgressUpdate, raw=False, **kwargs) -> None:
    if raw:
        return  # a fixture or backup brings its stored facts along (tracker/backup.py)
    _refresh(instance.initiative_id, getattr(instance, "_tracking_was", None))


@receiver(post_save, sender=Mention, dispatch_uid="tracking_mention_saved")
@receiver(post_delete, sender=Mention, dispatch_uid="tracking_mention_deleted")
def _mention_changed(sender, instance: Mention, raw=False, **kwargs) -> None:
    if raw:
        return
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


# What a meeting's place among the evidence depends on: its series and number (which meeting is
# previous to which), its date (the order of evidence) and whether it has been held.
_MEETING_PLACE = ("series", "number", "start_date", "is_planned")


@receiver(pre_save, sender=Meeting, dispatch_uid="tracking_meeting_moving")
def _remember_meeting_place(sender, instance: Meeting, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    instance._tracking_was = (
        Meeting.objects.filter(pk=instance.pk).values_list(*_MEETING_PLACE).first()
    )


@receiver(post_save, sender=Meeting, dispatch_uid="tracking_meeting_saved")
def _meeting_changed(sender, instance: Meeting, created: bool, raw=False, **kwargs) -> None:
    """A new meeting, or one moved in its series or in time, changes what the meetings of its
    series compare with (who went silent where) and the facts of what it mentions."""
    if raw:
        return
    was = getattr(instance, "_tracking_was", None)
    now = tuple(getattr(instance, name) for name in _MEETING_PLACE)
    if created or was != now:
        _refresh_series({instance.series, was[0] if was else instance.series})


@receiver(post_delete, sender=Meeting, dispatch_uid="tracking_meeting_deleted")
def _meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    StatusAtMeeting.objects.filter(meeting_id=instance.pk).delete()
    _refresh_series({instance.series})


@receiver(post_delete, sender=Initiative, dispatch_uid="tracking_initiative_deleted")
def _initiative_deleted(sender, instance: Initiative, **kwargs) -> None:
    # Its mentions' signals may have written rows while the delete was under way.
    StatusAtMeeting.objects.filter(initiative_id=instance.pk).delete()


def _refresh_series(series: set[str]) -> None:
    refresh_tracking(
        Initiative.objects.filter(
            pk__in=Mention.objects.filter(meeting__series__in=series).values("initiative_id")
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


@receiver(post_migrate, dispatch_uid="tracking_fill_statuses_at_meetings")
def _fill_statuses_at_meetings(sender, app_config, using="default", **kwargs) -> None:
    """Derived rows are built after migrate, with today's rules, where there is evidence and
    none yet (the first deploy of StatusAtMeeting): a migration could only use the models of
    its own time."""
    if app_config.label != "initiatives":
        return
    connection = connections[using]
    if StatusAtMeeting._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the table
    if StatusAtMeeting.objects.using(using).exists():
        return
    if not Mention.objects.using(using).exists():
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # not fully migrated: the models may be ahead of the tables
    refresh_tracking()
