"""Keep Initiative.last_update_on in step with its progress updates.

A signal rather than a call in each service, so that every way an update is saved or deleted
(services, the admin, imports, a cascade) keeps the date right. Bulk writes send no signal:
whatever bulk-creates updates calls refresh_last_update() itself (the benchmark's dataset does).
"""

from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Initiative, ProgressUpdate


def latest_officer_update_date() -> Subquery:
    """The latest officer update of the outer initiative; country notes and withdrawn updates
    never count, as they never move the official status either."""
    return Subquery(
        ProgressUpdate.objects.filter(
            initiative=OuterRef("pk"), member_state__isnull=True, withdrawn_at__isnull=True
        )
        .order_by("-date")
        .values("date")[:1]
    )


def refresh_last_update(initiatives=None) -> int:
    """Recompute last_update_on for the given initiatives (a queryset; all when None)."""
    queryset = Initiative.objects.all() if initiatives is None else initiatives
    # update(): no save(), so no history row and no change to updated_at for a derived date.
    return queryset.update(last_update_on=latest_officer_update_date())


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="progress_update_saved")
@receiver(post_delete, sender=ProgressUpdate, dispatch_uid="progress_update_deleted")
def _progress_update_changed(sender, instance: ProgressUpdate, **kwargs) -> None:
    refresh_last_update(Initiative.objects.filter(pk=instance.initiative_id))
