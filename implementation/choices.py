"""Controlled vocabularies of member-state implementation."""

from django.db import models


class Stage(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    PLANNING = "planning", "Planning"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified by the secretariat"
    QUERIED = "queried", "Queried by the secretariat"


# Short forms for grid cells, where a column is one member state wide.
STAGE_SHORT = {
    Stage.NOT_STARTED: "Not started",
    Stage.PLANNING: "Planning",
    Stage.IN_PROGRESS: "In progress",
    Stage.IMPLEMENTED: "Done",
    Stage.NOT_APPLICABLE: "N/A",
}
# A mark that carries the verification without colour: screen readers get the label instead.
VERIFICATION_MARK = {
    Verification.UNVERIFIED: "○",
    Verification.VERIFIED: "✓",
    Verification.QUERIED: "?",
}
