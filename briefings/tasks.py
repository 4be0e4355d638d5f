"""Celery tasks: thin wrappers that load by id and call one service."""

from celery import shared_task

from . import services
from .models import BriefingBuild


@shared_task
def build_briefing(build_id: str) -> str:
    """Build a briefing pack's files; the build row shows progress to the waiting page."""
    build = (
        BriefingBuild.objects.filter(pk=build_id, state=BriefingBuild.State.PENDING)
        .select_related("meeting")
        .first()
    )
    if build is None:  # built already, or deleted
        return "skipped"
    return services.build_run(build=build).state
