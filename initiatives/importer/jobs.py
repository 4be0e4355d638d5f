"""Import jobs: upload -> parse (Celery) -> review -> confirm, each a state of the job row.

The job stores its proposal as JSON (proposal.py's `to_json`); every step reads it back typed
with `job_proposal`, which refuses a proposal of an older importer with a message.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.module_loading import import_string

from ..models import ImportJob, Initiative
from .compare import proposal_prepare
from .confirm import ImportOutcome, proposal_confirm
from .dates import find_expected
from .errors import ImportRefused
from .proposal import Proposal
from .readers import upload_precheck

log = logging.getLogger(__name__)


@transaction.atomic
def import_job_create(
    *, data: bytes, filename: str = "", user=None, encoding: str = "", source_url: str = ""
) -> ImportJob:
    """Accept an upload for parsing. Only the checks that cost nothing run here (size, an empty
    file, the kind of file, tracker.security's limits on archives), before any row is written;
    reading the statement is the parsing task's work, which fails the job with its message."""
    upload_precheck(data, filename=filename)
    job = ImportJob.objects.create(
        created_by=user,
        filename=filename[:255],
        content=data,
        source_url=source_url[:500],
        # Until parsing replaces it with the proposal, the proposal field holds the request.
        proposal={"request": {"encoding": encoding}},
    )
    # The task module imports this one, so the task is found by its dotted path when the
    # transaction commits: imports run one way (tasks -> services), with no cycle.
    task = "initiatives.tasks.parse_import_job"
    transaction.on_commit(lambda: _queue_parse(import_string(task), job.pk))
    return job


def _queue_parse(task, job_pk) -> None:
    """Hand the job to the worker; with the broker down, say so on the job at once rather than
    keep the officer waiting (the upload can simply be sent again later)."""
    try:
        task.apply_async(args=[str(job_pk)], retry=False, ignore_result=True)
    except Exception:
        log.warning("Import job %s not queued: the task broker is unavailable", job_pk)
        ImportJob.objects.filter(pk=job_pk, state=ImportJob.State.PENDING).update(
            state=ImportJob.State.FAILED,
            progress=100,
            message=(
                "The parsing service is unavailable at the moment, so this file was not read. "
                "Nothing was saved: upload it again in a few minutes."
            ),
        )


def import_job_parse(*, job: ImportJob) -> ImportJob:
    """Build the job's proposal, reporting progress on the job row as it goes."""
    encoding = ((job.proposal or {}).get("request") or {}).get("encoding", "")

    def progress(percent: int, label: str) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.PARSING, progress=percent, message=label
        )

    progress(1, "Starting")
    try:
        proposal = proposal_prepare(
            bytes(job.content), filename=job.filename, encoding=encoding, progress=progress
        )
    except ImportRefused as refusal:
        job.state, job.message, job.progress = ImportJob.State.FAILED, refusal.message, 100
        job.save(update_fields=["state", "message", "progress", "updated_at"])
        return job
    except Exception:
        log.exception("Parsing import job %s failed", job.pk)
        job.state, job.progress = ImportJob.State.FAILED, 100
        job.message = (
            "The importer failed on this file. Nothing was saved. Please send the file to an "
            "administrator."
        )
        job.save(update_fields=["state", "message", "progress", "updated_at"])
        raise
    if job.source_url:
        proposal.statement.source_url = job.source_url
    job.proposal = proposal.to_json()
    job.state, job.progress = ImportJob.State.READY, 100
    job.message = proposal.duplicate_of.message if proposal.duplicate_of else "Ready for review."
    job.save(update_fields=["proposal", "state", "progress", "message", "updated_at"])
    return job


def _require_state(job: ImportJob, *states: str) -> None:
    if job.state not in states:
        raise ImportRefused(
            ImportRefused.STALE,
            f"This import is {job.get_state_display().lower()}; it can no longer be changed.",
        )


def job_proposal(job: ImportJob) -> Proposal:
    """The job's stored proposal, typed; an outdated one is refused with a message."""
    return Proposal.from_json(job.proposal)


@transaction.atomic
def import_job_review(
    *, job: ImportJob, meeting_values: dict, mentions: dict, candidates: dict
) -> ImportJob:
    """Store an officer's corrections: meeting details, each mention, each proposed initiative.

    `mentions` maps a mention key to {keep, status, expected_text}; `candidates` maps a
    candidate key to {action, merge_into, name, acronym, kind}.
    """
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY)
    proposal = job_proposal(job)
    proposal.meeting_values = proposal.values().corrected(meeting_values)
    for row in proposal.mentions:
        edit = mentions.get(row.key) or {}
        for name in ("keep", "status", "expected_text"):
            if name in edit:
                setattr(row, name, edit[name])
        if "expected_text" in edit:
            found = find_expected(f"in {row.expected_text}") if row.expected_text else None
            row.expected_date = found.date if found else None
            row.expected_precision = found.precision if found else ""
    wanted = [c.get("merge_into") for c in candidates.values() if c.get("merge_into")]
    merge_names = dict(Initiative.objects.filter(pk__in=wanted).values_list("pk", "name"))
    for row in proposal.candidates:
        edit = candidates.get(row.key)
        if not edit:
            continue
        for name in ("action", "merge_into", "name", "acronym", "kind"):
            if name in edit:
                setattr(row, name, edit[name])
        row.merge_into_name = merge_names.get(row.merge_into, "")
        for mention in proposal.mentions:
            if mention.target.key == row.key:
                mention.target.name = row.name
    job.proposal = proposal.to_json()
    job.save(update_fields=["proposal", "updated_at"])
    return job


@transaction.atomic
def import_job_confirm(*, job: ImportJob, user=None) -> ImportOutcome:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY)
    outcome = proposal_confirm(proposal=job_proposal(job), user=user)
    job.state = ImportJob.State.CONFIRMED
    job.statement = outcome.statement
    job.message = outcome.message
    job.save(update_fields=["state", "statement", "message", "updated_at"])
    return outcome


@transaction.atomic
def import_job_discard(*, job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_state(job, ImportJob.State.READY, ImportJob.State.FAILED, ImportJob.State.PENDING)
    job.state = ImportJob.State.DISCARDED
    job.content = b""
    job.message = "Discarded: nothing was saved."
    job.save(update_fields=["state", "content", "message", "updated_at"])
    return job
