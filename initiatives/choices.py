from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    """The one status vocabulary shared by mentions, progress updates, initiatives and filters."""

    PROPOSED = "proposed", "Proposed"
    PREPARING = "preparing", "Preparing"
    ADOPTED = "adopted", "Adopted"
    IMPLEMENTING = "implementing", "Implementing"
    COMPLETED = "completed", "Completed"
    STALLED = "stalled", "Stalled"
    DISCONTINUED = "discontinued", "Discontinued"
    SUPERSEDED = "superseded", "Superseded"


def status_field(help_text: str = "", **options) -> models.CharField:
    """A model field holding a status of the one vocabulary; blank allowed (nothing said)."""
    return models.CharField(
        max_length=20, choices=Status.choices, blank=True, help_text=help_text, **options
    )


def status_check(name: str) -> models.CheckConstraint:
    """The table's own guard on a status column: a status of the vocabulary, or blank."""
    return models.CheckConstraint(
        condition=models.Q(status="") | models.Q(status__in=Status.values), name=name
    )


# Position along the normal life of an initiative, used to tell an advance from a regression.
# Statuses set by officers from evidence (stalled, ...) sit outside the ladder.
STATUS_RANK: dict[str, int] = {
    Status.PROPOSED: 1,
    Status.PREPARING: 2,
    Status.ADOPTED: 3,
    Status.IMPLEMENTING: 4,
    Status.COMPLETED: 5,
}


@dataclass(frozen=True)
class StatusMeaning:
    meaning: str  # what the status says about an initiative
    words: str  # phrases of a statement that typically imply it


# What each status means, for people: the help page, and the title of every status badge.
STATUS_MEANINGS: dict[str, StatusMeaning] = {
    Status.PROPOSED: StatusMeaning(
        "An idea the ministers want explored; no work has started.",
        "agreed to explore, called for, encouraged the development of",
    ),
    Status.PREPARING: StatusMeaning(
        "Being studied, drafted or negotiated.",
        "looked forward to the completion of, launched the negotiations on, work at an "
        "advanced stage",
    ),
    Status.ADOPTED: StatusMeaning(
        "Endorsed, approved, adopted, launched or signed; not yet being carried out.",
        "endorsed, adopted, approved, welcomed the endorsement of, launched, signed",
    ),
    Status.IMPLEMENTING: StatusMeaning(
        "In force or operating, and being carried out.",
        "welcomed the on-going implementation, welcomed progress, now fully operational",
    ),
    Status.COMPLETED: StatusMeaning(
        "Finished: concluded, fully implemented or its target met.",
        "noted the completion of, accomplished its target, concluded its final activities",
    ),
    Status.STALLED: StatusMeaning(
        "No progress for a long time, on the evidence an officer has; set by officers.",
        "rarely said in a statement",
    ),
    Status.DISCONTINUED: StatusMeaning(
        "Stopped before completion.",
        "discontinued, terminated, will no longer be pursued",
    ),
    Status.SUPERSEDED: StatusMeaning(
        "Replaced by a successor, which is an initiative of its own.",
        "succeeded by, replaced by",
    ),
}
NO_STATUS_MEANING = (
    "Mentioned without a word on progress (acknowledged, expressed appreciation): the status "
    "said earlier still holds."
)


class EvidenceKind(models.TextChoices):
    """Where what a meeting said about an initiative comes from; people must always see which."""

    STATEMENT = "statement", "Statement quotation"
    REPORT = "report", "Report of the meeting"
    OFFICER = "officer", "Officer's entry"


EVIDENCE_MEANINGS: dict[str, str] = {
    EvidenceKind.STATEMENT: (
        "The words of a paragraph of the meeting's statement, quoted exactly; it outranks a "
        "report of the same meeting."
    ),
    EvidenceKind.REPORT: (
        "A public report of the meeting (news, a ministry's release), with its source and how "
        "far it can be trusted; used while the statement text is not at hand, and replaced by "
        "the quotation once the statement is imported."
    ),
    EvidenceKind.OFFICER: (
        "What an officer recorded the meeting said, without a statement or report to quote."
    ),
}


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class DatePrecision(models.TextChoices):
    """How precise an expected date is: "in 2023" is a year, not 1 January 2023."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    HALF = "half", "Half-year"
    YEAR = "year", "Year"


class InitiativeKind(models.TextChoices):
    MASTERPLAN = "masterplan", "Masterplan"
    STRATEGY = "strategy", "Strategy"
    FRAMEWORK = "framework", "Framework"
    AGREEMENT = "agreement", "Agreement"
    GUIDE = "guide", "Guide or guidelines"
    ROADMAP = "roadmap", "Roadmap"
    WORK_PLAN = "work_plan", "Work plan"
    STUDY = "study", "Study or report"
    MECHANISM = "mechanism", "Mechanism"
    CENTRE = "centre", "Centre"
    INDEX = "index", "Index"
    PROGRAMME = "programme", "Programme or project"
    DECLARATION = "declaration", "Declaration"
    NETWORK = "network", "Network"
    MODEL = "model", "Model"
    FORUM = "forum", "Forum or dialogue"
    OTHER = "other", "Other"


class PartnerRole(models.TextChoices):
    LEAD = "lead", "Lead"
    CO_LEAD = "co_lead", "Co-lead"
    FUNDER = "funder", "Funder"
    IMPLEMENTER = "implementer", "Implementer"
    SUPPORTER = "supporter", "Supporter"
    PARTNER = "partner", "Partner"


class StatementKind(models.TextChoices):
    JOINT_MEDIA_STATEMENT = "joint_media_statement", "Joint media statement"
    DECLARATION = "declaration", "Declaration"
    CHAIRS_STATEMENT = "chairs_statement", "Chair's statement"
    REPORT_DIGEST = "report_digest", "Digest of public reports"


class MatchKind(models.TextChoices):
    SUBSTRING = "substring", "Contains the words"
    REGEX = "regex", "Regular expression"
