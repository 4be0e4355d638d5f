"""Celery tasks: thin wrappers that load by id and call one service."""

from celery import shared_task

from . import services
from .models import ImportJob, Initiative


@shared_task
def refresh_initiative_status(initiative_id: int) -> str:
    """Recompute an initiative's current status (used after bulk edits and by the worker check)."""
    initiative = Initiative.objects.get(pk=initiative_id)
    return services.initiative_refresh_status(initiative=initiative).status


# The importer bounds what it reads (file size, pages, unpacked size, paragraphs), so a parse ends
# within seconds; the limits are the backstop for whatever those bounds miss.
@shared_task(soft_time_limit=60, time_limit=90)
def parse_import_job(job_id: str) -> str:
    """Parse an uploaded statement into a proposal for review; the job row shows progress."""
    from .importer.services import import_job_parse

    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.PENDING).first()
    if job is None:  # discarded before a worker picked it up, or parsed already
        return "skipped"
    return import_job_parse(job=job).state
