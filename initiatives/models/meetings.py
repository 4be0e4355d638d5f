"""Meetings and what they issued: statements kept verbatim, their numbered paragraphs."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partners.models import Partner
from tracker.models import TimeStampedModel, user_field
from tracker.text import ordinal

from ..choices import (
    StatementKind,
)


class Meeting(TimeStampedModel):
    """One meeting of a series: ADGMIN 3, ADGSOM 3, ADGMIN+Japan 3. Planned until it is held."""

    series = models.CharField(
        max_length=60, db_index=True, help_text='e.g. "ADGMIN", "ADGSOM", "ADGMIN+Japan".'
    )
    number = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300, blank=True)
    is_planned = models.BooleanField(
        default=False, help_text="Announced but not yet held; dates may be approximate."
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="For a planned meeting, the earliest expected date."
    )
    end_date = models.DateField(null=True, blank=True)
    date_text = models.CharField(
        max_length=100, blank=True, help_text='Dates as announced, e.g. "January/February 2024".'
    )
    venue = models.CharField(max_length=300, blank=True)
    host = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    chair_name = models.CharField(max_length=200, blank=True)
    chair_title = models.CharField(max_length=300, blank=True)
    chair_country = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="chaired_meetings"
    )
    vice_chair_name = models.CharField(max_length=200, blank=True)
    vice_chair_title = models.CharField(max_length=300, blank=True)
    vice_chair_country = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vice_chaired_meetings",
    )
    theme = models.CharField(max_length=300, blank=True)
    declaration = models.CharField(max_length=300, blank=True)
    sources = models.TextField(blank=True, help_text="Source URLs, one per line.")
    fact_sources = models.JSONField(
        default=dict,
        blank=True,
        help_text='Where each fact comes from: {"chair": [{"url": ..., "confidence": "high"}]}.',
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [F("start_date").asc(nulls_last=True), "series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="meeting_unique_series_number"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="meeting_end_not_before_start",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]

    def __str__(self) -> str:
        return self.title or self.short_name

    @property
    def short_name(self) -> str:
        return f"{ordinal(self.number)} {self.series}"

    @property
    def when(self) -> str:
        """Dates for display: the announced text for a planned meeting, else the date range."""
        if self.date_text:
            return self.date_text
        if not self.start_date:
            return ""
        if not self.end_date or self.end_date == self.start_date:
            return self.start_date.strftime("%-d %B %Y")
        if (self.start_date.year, self.start_date.month) == (
            self.end_date.year,
            self.end_date.month,
        ):
            return f"{self.start_date.day}-{self.end_date.strftime('%-d %B %Y')}"
        return f"{self.start_date.strftime('%-d %B %Y')} - {self.end_date.strftime('%-d %B %Y')}"

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def get_absolute_url(self) -> str:
        return reverse("initiatives:meeting_detail", args=[self.slug])


class Statement(TimeStampedModel):
    """A document issued at a meeting, kept verbatim; the checksum recognises a re-import."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(
        max_length=30, choices=StatementKind.choices, default=StatementKind.JOINT_MEDIA_STATEMENT
    )
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(help_text="The document exactly as received (decoded to text).")
    checksum = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the text.")
    source_url = models.URLField(max_length=500, blank=True)
    source_filename = models.CharField(max_length=255, blank=True)
    source_format = models.CharField(max_length=20, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    imported_by = user_field(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__start_date", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"], name="statement_one_kind_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} of the {self.meeting.short_name}"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()


class Paragraph(models.Model):
    """One numbered paragraph of a statement, with the section heading it sits under."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=300, blank=True)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "number"], name="paragraph_unique_number_per_statement"
            ),
        ]

    def __str__(self) -> str:
        return f"¶{self.number} of {self.statement}"

    def get_absolute_url(self) -> str:
        return f"{self.statement.meeting.get_absolute_url()}#p{self.number}"
