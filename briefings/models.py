"""Briefing packs built for a meeting: each build and the files it made, kept with the meeting.

A build is never rebuilt in place: building again makes a new row with new files, so a pack
sent to ministers last week stays as it was sent.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from initiatives.models import Meeting
from tracker.models import user_field


class BriefingBuild(models.Model):
    """One run of the pack builder for a meeting, with the filters it was asked for."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be built"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="briefing_builds")
    created_by = user_field()
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filters = models.JSONField(default=dict, blank=True, help_text="briefings.content.Filters")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    content = models.JSONField(
        null=True, blank=True, help_text="The pack's content as built (BriefingPack.to_json)."
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="briefing_progress_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Briefing pack for the {self.meeting.short_name} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("briefings:build", args=[self.meeting.slug, self.pk])

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.PENDING, self.State.BUILDING)


class BriefingFile(models.Model):
    """One file of a build: the pack as Word or PDF, or the statement skeleton as Word.

    The bytes live in the database with the build, like an import's upload: they are small, they
    travel with backups, and no shared file storage is needed between web and worker.
    """

    class Kind(models.TextChoices):
        PACK_DOCX = "pack_docx", "Briefing pack (Word)"
        PACK_PDF = "pack_pdf", "Briefing pack (PDF)"
        SKELETON_DOCX = "skeleton_docx", "Statement skeleton (Word)"

    build = models.ForeignKey(BriefingBuild, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["build", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["build", "kind"], name="briefing_file_one_per_kind"),
        ]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse(
            "briefings:download", args=[self.build.meeting.slug, self.build_id, self.kind]
        )
