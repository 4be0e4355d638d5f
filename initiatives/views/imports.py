"""Importing a statement: upload or paste, watch it parse, review the proposal, confirm.

Officers and admins only: a focal point gets a 403 that says why, an anonymous visitor the login
page. Nothing reaches the tracking records before "Confirm"; the upload itself is refused with
a message (and no row written) when the file cannot be imported.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from tracker import roles
from tracker.errors import DATABASE_ERRORS

from ..evidence import reports_preview
from ..importer import forms, outlook, review, selectors, services
from ..importer.errors import ImportRefused
from ..models import ImportJob

log = logging.getLogger(__name__)

CONFIRM_INTERRUPTED = (
    "The connection to the database was lost while this import was being saved. Nothing of it "
    "was saved: the import is saved whole or not at all. Press Confirm again."
)

CONFIRM_COLLIDED = (
    "Another import was saved at the same moment and created some of the same initiatives, so "
    "nothing of this one was saved. Confirm again: the review will ask you to merge those "
    "proposed initiatives into the ones the other import created."
)

OFFICERS_ONLY = (
    "Only secretariat officers and admins can import statements. Focal points can read "
    "everything and add notes for their own member state."
)


def _require_officer(user) -> None:
    if not roles.is_officer(user):
        raise PermissionDenied(OFFICERS_ONLY)


def _get_job(request, pk) -> ImportJob:
    _require_officer(request.user)
    return get_object_or_404(ImportJob.objects.select_related("statement__meeting"), pk=pk)


@require_http_methods(["GET", "POST"])
def import_start(request):
    _require_officer(request.user)
    if request.method == "POST":
        form = forms.StatementUploadForm(request.POST, request.FILES)
    else:
        form = forms.StatementUploadForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.import_job_create(
                data=data["data"],
                filename=data["filename"],
                user=request.user,
                encoding=data["encoding"],
                source_url=data["source_url"],
            )
        except ImportRefused as refusal:
            if refusal.code == ImportRefused.DUPLICATE and refusal.statement is not None:
                messages.info(request, refusal.message)
                return redirect(refusal.statement.meeting)
            form.add_error(None, refusal.message)
        else:
            return redirect("initiatives:import_detail", pk=job.pk)
    return render(
        request,
        "initiatives/import/start.html",
        {"form": form, "jobs": selectors.import_jobs_recent()},
    )


@require_GET
def import_detail(request, pk):
    job = _get_job(request, pk)
    if job.state in (ImportJob.State.PENDING, ImportJob.State.PARSING):
        return render(request, "initiatives/import/progress.html", {"job": job})
    if job.state != ImportJob.State.READY:
        return render(request, "initiatives/import/result.html", {"job": job})
    return _review(request, job)


@require_GET
def import_progress(request, pk):
    """The progress panel, polled by htmx; once parsing ends the whole page reloads."""
    job = _get_job(request, pk)
    if request.htmx and job.state not in (ImportJob.State.PENDING, ImportJob.State.PARSING):
        return HttpResponseClientRefresh()
    return render(request, "initiatives/import/_progress.html", {"job": job})


def _review(
    request, job: ImportJob, *, meeting_form=None, mention_set=None, candidate_set=None, status=200
):
    try:
        proposal = services.job_proposal(job)
    except ImportRefused as refusal:  # stored by an older importer
        messages.error(request, refusal.message)
        return render(request, "initiatives/import/result.html", {"job": job}, status=status)
    choices = forms.initiative_choices()
    meeting_form = meeting_form or forms.MeetingReviewForm(
        initial=forms.MeetingReviewForm.initial_from(proposal.values().to_json())
    )
    mention_set = mention_set or forms.MentionReviewFormSet(
        prefix="m",
        initial=[
            {"key": m.key, "keep": m.keep, "status": m.status, "expected_text": m.expected_text}
            for m in proposal.mentions
        ],
    )
    candidate_set = candidate_set or forms.CandidateReviewFormSet(
        prefix="c",
        form_kwargs={"initiative_choices": choices},
        initial=[
            {k: getattr(c, k) for k in ("key", "action", "merge_into", "name", "acronym", "kind")}
            for c in proposal.candidates
        ],
    )
    mention_forms = {f["key"].value(): f for f in mention_set}
    ahead = outlook.status_outlook(proposal)
    return render(
        request,
        "initiatives/import/review.html",
        {
            "job": job,
            "proposal": proposal,
            "meeting_form": meeting_form,
            "mention_set": mention_set,
            "candidate_set": candidate_set,
            "candidate_rows": review.candidate_rows(proposal, candidate_set),
            "blocks": review.review_blocks(proposal, mention_forms),
            "diff": review.diff_rows(proposal),
            "differences": review.meeting_differences(proposal),
            "report_previews": reports_preview(proposal),
            "mention_count": len(proposal.mentions),
            "outlook": ahead,
            "outlook_changes": [row for row in ahead if row.changes],
            "outlook_unchanged": sum(1 for row in ahead if not row.changes),
        },
        status=status,
    )


@require_POST
def import_review(request, pk):
    job = _get_job(request, pk)
    if job.state != ImportJob.State.READY:
        messages.error(request, f"This import is {job.get_state_display().lower()}.")
        return redirect("initiatives:import_detail", pk=job.pk)
    if not (job.proposal or {}).get("duplicate_of"):  # a duplicate has nothing to correct
        meeting_form = forms.MeetingReviewForm(request.POST)
        mention_set = forms.MentionReviewFormSet(request.POST, prefix="m")
        candidate_set = forms.CandidateReviewFormSet(
            request.POST,
            prefix="c",
            form_kwargs={"initiative_choices": forms.initiative_choices()},
        )
        if not (meeting_form.is_valid() and mention_set.is_valid() and candidate_set.is_valid()):
            messages.error(request, "Some corrections need attention: see the marked fields.")
            return _review(
                request,
                job,
                meeting_form=meeting_form,
                mention_set=mention_set,
                candidate_set=candidate_set,
                status=400,
            )
        services.import_job_review(
            job=job,
            meeting_values=meeting_form.values(),
            mentions={f.cleaned_data["key"]: _mention_edit(f.cleaned_data) for f in mention_set},
            candidates={f.cleaned_data["key"]: f.cleaned_data for f in candidate_set},
        )
    if "confirm" not in request.POST:
        messages.success(request, "Your corrections are saved. Nothing is in the tracker yet.")
        return redirect("initiatives:import_detail", pk=job.pk)
    job.refresh_from_db()
    try:
        outcome = services.import_job_confirm(job=job, user=request.user)
    except ImportRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("initiatives:import_detail", pk=job.pk)
    except DATABASE_ERRORS:
        # The confirmation is one transaction, so a connection lost mid-way (a database restart)
        # rolled all of it back; the job is still ready and Confirm can simply be pressed again.
        log.warning("Confirming import job %s: the database connection was lost", job.pk)
        messages.error(request, CONFIRM_INTERRUPTED)
        return redirect("initiatives:import_detail", pk=job.pk)
    except IntegrityError:
        # Two imports confirmed at once that both create an initiative of the same name: the
        # later one is rolled back whole; confirmed again, the review asks to merge instead.
        log.warning("Confirming import job %s collided with another import", job.pk)
        messages.error(request, CONFIRM_COLLIDED)
        return redirect("initiatives:import_detail", pk=job.pk)
    if outcome.changed:
        messages.success(request, outcome.message)
    else:
        messages.info(request, outcome.message)
    return redirect(outcome.meeting) if outcome.meeting else redirect("initiatives:import_start")


def _mention_edit(data: dict) -> dict:
    return {
        "keep": data["keep"],
        "status": data["status"],
        "expected_text": data["expected_text"].strip(),
    }


@require_POST
def import_discard(request, pk):
    job = _get_job(request, pk)
    try:
        services.import_job_discard(job=job)
    except ImportRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "The import was discarded; nothing was saved.")
    return redirect("initiatives:import_start")
