"""Celery tasks: thin wrappers that load by id and call one service."""

from celery import shared_task

from . import services
from .models import Initiative


@shared_task
def refresh_initiative_status(initiative_id: int) -> str:
    """Recompute an initiative's current status (used after bulk edits and by the worker check)."""
    initiative = Initiative.objects.get(pk=initiative_id)
    return services.initiative_refresh_status(initiative=initiative).status
