"""Writes of the briefings app: starting a build and running it (from the Celery task)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from initiatives.importer.selectors import status_rules
from initiatives.models import Meeting

from . import outputs
from .content import Filters
from .models import BriefingBuild, BriefingFile
from .selectors import briefing_pack
from .skeleton import statement_skeleton

log = logging.getLogger(__name__)


def build_create(*, meeting: Meeting, user, filters: Filters) -> BriefingBuild:
    """A new build of the pack, queued once the row is saved; earlier builds stay untouched."""
    build = BriefingBuild.objects.create(
        meeting=meeting, created_by=user, filters=filters.to_json()
    )
    # The task module imports this one, so the task is found by its dotted path when the
    # transaction commits: imports run one way (tasks -> services), with no cycle.
    task = "briefings.tasks.build_briefing"
    transaction.on_commit(lambda: import_string(task).delay(str(build.pk)))
    return build


def _step(build: BriefingBuild, progress: int, message: str) -> None:
    build.progress, build.message = progress, message
    build.save(update_fields=["progress", "message", "state"])


def build_run(*, build: BriefingBuild) -> BriefingBuild:
    """Read the pack, write its files. A failure is kept on the build with its reason."""
    build.state = BriefingBuild.State.BUILDING
    _step(build, 5, "Reading the record")
    try:
        pack = briefing_pack(build.meeting, Filters.from_json(build.filters or {}))
        skeleton = statement_skeleton(pack, status_rules())
        build.content = pack.to_json()
        _step(build, 40, "Writing the Word documents")
        stem = f"briefing-{build.meeting.slug}-{timezone.localtime(build.created_at):%Y%m%d-%H%M}"
        files = [
            (BriefingFile.Kind.PACK_DOCX, f"{stem}.docx", outputs.DOCX_TYPE,
             outputs.pack_docx(pack, skeleton)),
            (BriefingFile.Kind.SKELETON_DOCX, f"statement-skeleton-{build.meeting.slug}.docx",
             outputs.DOCX_TYPE, outputs.skeleton_docx(skeleton)),
        ]  # fmt: skip
        _step(build, 70, "Writing the PDF")
        note = ""
        try:
            files.append(
                (BriefingFile.Kind.PACK_PDF, f"{stem}.pdf", outputs.PDF_TYPE,
                 outputs.pack_pdf(pack, skeleton))
            )  # fmt: skip
        except outputs.PdfUnavailable as error:
            log.warning("Briefing %s built without a PDF: %s", build.pk, error)
            note = " No PDF: WeasyPrint or Pango is not installed on this server."
        with transaction.atomic():
            for kind, filename, content_type, data in files:
                BriefingFile.objects.create(
                    build=build,
                    kind=kind,
                    filename=filename,
                    content_type=content_type,
                    content=data,
                    size=len(data),
                )
            build.state = BriefingBuild.State.READY
            build.progress = 100
            build.message = f"Built {len(files)} files.{note}"
            build.finished_at = timezone.now()
            build.save()
    except Exception as error:  # kept on the build so the progress page can say it
        log.exception("Briefing build %s failed", build.pk)
        build.state = BriefingBuild.State.FAILED
        build.message = f"The build failed: {error}"
        build.finished_at = timezone.now()
        build.save(update_fields=["state", "message", "finished_at"])
    return build
