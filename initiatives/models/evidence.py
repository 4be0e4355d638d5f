"""What says where an initiative stands: mentions at meetings and progress between them."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from partners.models import Partner
from tracker.models import TimeStampedModel, user_field

from ..choices import (
    Confidence,
    DatePrecision,
    EvidenceKind,
    status_check,
    status_field,
)
from .meetings import Meeting, Paragraph
from .records import Initiative


class Mention(TimeStampedModel):
    """An initiative named at a meeting: usually in a statement paragraph, with the action phrase.

    The meeting is stored with the mention (not only through the paragraph) because the record
    of the early meetings comes from public reports rather than a stored statement text.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mentions")
    paragraph = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="mentions")
    phrase = models.CharField(
        max_length=500, blank=True, help_text='The ministers\' action, e.g. "endorsed".'
    )
    matched_text = models.CharField(
        max_length=300, blank=True, help_text="The words of the paragraph that name the initiative."
    )
    status = status_field("Blank when the ministers said nothing about progress.", default="")
    expected_date = models.DateField(null=True, blank=True)
    expected_text = models.CharField(max_length=100, blank=True)
    expected_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    is_confirmed = models.BooleanField(
        default=False, help_text="Proposed by the importer until an officer confirms it."
    )
    evidence = models.CharField(
        max_length=20,
        choices=EvidenceKind.choices,
        default=EvidenceKind.STATEMENT,
        help_text="A statement paragraph (quoted), a report of the meeting, or an officer's entry.",
    )
    source_url = models.URLField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    note = models.TextField(blank=True, help_text="E.g. where sources conflict.")
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="The statement quotation that replaced this report; kept as a second source.",
    )
    needs_review = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why an officer should look at it, e.g. a report the statement does not support.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__start_date", "paragraph__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "initiative"],
                condition=Q(paragraph__isnull=False),
                name="mention_one_per_paragraph_and_initiative",
            ),
            models.UniqueConstraint(
                fields=["meeting", "initiative"],
                condition=Q(paragraph__isnull=True),
                name="mention_one_unsourced_per_meeting_and_initiative",
            ),
            status_check("mention_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} at the {self.meeting.short_name}"

    @property
    def counts(self) -> bool:
        """A report replaced by a quotation is a second source, not a second mention."""
        return self.replaced_by_id is None


class ProgressUpdate(TimeStampedModel):
    """Progress recorded between meetings; with a member state it is that state's country note."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="progress_updates"
    )
    author = user_field()
    date = models.DateField()
    status = status_field("Blank when the update does not change the status.", default="")
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField()
    evidence_url = models.URLField(max_length=500, blank=True)
    member_state = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": "member_state"},
        related_name="country_notes",
        help_text="Set for a focal point's country note.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(
        default=False,
        help_text="Example activity added by the demo, not a real record (remove_examples).",
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()  # with `version`: see Initiative.history

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            # Recent updates on the dashboard, newest first.
            models.Index(F("date").desc(), F("created_at").desc(), name="progress_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True)
                | Q(percent_complete__gte=0, percent_complete__lte=100),
                name="progress_percent_between_0_and_100",
            ),
            status_check("progress_status_valid"),
        ]

    def __str__(self) -> str:
        what = "Country note" if self.member_state_id else "Progress update"
        return f"{what} on {self.initiative} ({self.date:%d %b %Y})"

    @property
    def is_country_note(self) -> bool:
        return self.member_state_id is not None


class StatusAtMeeting(models.Model):
    """One initiative at one held meeting, as the status engine reads its evidence: derived data.

    A row exists where the meeting mentioned the initiative or the previous meeting of its series
    did (it went silent). The comparison of two meetings and the status matrix read these rows
    instead of reading every initiative's evidence again on each request. They are written only
    by initiatives.signals.refresh_tracking(), with the stored status, from the same reading.

    No database constraint on the keys: a derived row may be rewritten while its meeting or
    initiative is being deleted; the delete signals then remove what is left.
    """

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="statuses_at_meetings",
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    mentioned = models.BooleanField()
    said = models.CharField(max_length=20, blank=True)  # what the meeting said of it
    before = models.CharField(max_length=20, blank=True)  # held on the eve of the meeting
    holds = models.CharField(max_length=20, blank=True)  # holds at the meeting
    change = models.CharField(max_length=12)  # status.ChangeKind
    last_seen = models.ForeignKey(
        Meeting,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text="For a return: the latest earlier meeting that mentioned it.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "initiative"], name="status_at_meeting_unique"
            ),
        ]
        indexes = [models.Index(fields=["initiative"], name="status_at_meeting_initiative")]

    def __str__(self) -> str:
        return f"{self.initiative_id} at meeting {self.meeting_id}: {self.change}"
