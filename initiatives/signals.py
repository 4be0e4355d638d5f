"""Keep an initiative's stored tracking facts in step with its mentions and progress updates.

Lists, exports, the API, the stale filter and the dashboard read these across thousands of
initiatives, where a subquery per row costs more than the page:
- mention_count: mentions at any meeting;
- last_mentioned_on: start of the latest held meeting that mentioned it;
- last_update_on: date of the latest officer progress update that is not withdrawn.

Signals rather than a call in each service, so that every way a mention, update or meeting is
saved or deleted (services, the importer, the admin, a cascade) keeps them right. Bulk writes send
no signal: whatever bulk-creates mentions or updates calls refresh_tracking() itself (the
benchmark's dataset does).
"""

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Initiative, Meeting, Mention, ProgressUpdate


def tracking_expressions() -> dict:
    """The three stored facts as subqueries on the outer initiative (migration 0005 holds a
    copy: a migration must not import the models)."""
    mentions = Mention.objects.filter(initiative=OuterRef("pk"))
    count = mentions.order_by().values("initiative").annotate(n=Count("pk")).values("n")[:1]
    last_mentioned = (
        mentions.filter(meeting__is_planned=False, meeting__start_date__isnull=False)
        .order_by("-meeting__start_date")
        .values("meeting__start_date")[:1]
    )
    # Country notes and withdrawn updates never count, as they never move the official status.
    last_update = (
        ProgressUpdate.objects.filter(
            initiative=OuterRef("pk"), member_state__isnull=True, withdrawn_at__isnull=True
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return {
        "mention_count": Coalesce(Subquery(count), Value(0)),
        "last_mentioned_on": Subquery(last_mentioned),
        "last_update_on": Subquery(last_update),
    }


def refresh_tracking(initiatives=None) -> int:
    """Recompute the stored facts of the given initiatives (a queryset; all when None)."""
    queryset = Initiative.objects.all() if initiatives is None else initiatives
    # update(): no save(), so no history row and no change to updated_at for derived facts.
    return queryset.update(**tracking_expressions())


def _refresh(*initiative_ids) -> None:
    ids = {pk for pk in initiative_ids if pk is not None}
    if ids:
        refresh_tracking(Initiative.objects.filter(pk__in=ids))


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
