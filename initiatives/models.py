"""What the ministers decided and when: meetings, statements, initiatives, mentions, progress.

Writes go through initiatives/services.py; these classes hold the data, its constraints and
small derived properties only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partners.models import Partner
from tracker.models import NamedModel, TimeStampedModel
from tracker.text import ordinal

from .choices import (
    Confidence,
    DatePrecision,
    EvidenceKind,
    InitiativeKind,
    MatchKind,
    PartnerRole,
    StatementKind,
    Status,
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
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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


class DesiredOutcome(models.Model):
    """A desired outcome of a masterplan (DO1-DO8 of ADM 2025) that initiatives serve."""

    masterplan = models.ForeignKey(
        "Initiative", on_delete=models.CASCADE, related_name="desired_outcomes"
    )
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="outcome_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Initiative(NamedModel):
    """A masterplan, framework, agreement, guide, work plan ... that statements talk about.

    `status` is the current status: the latest one said by a meeting or recorded by an officer.
    It is stored (and refreshed by the services) so that lists and filters need no subquery.
    """

    acronym = models.CharField(max_length=40, blank=True, db_index=True)
    kind = models.CharField(
        max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.OTHER, db_index=True
    )
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, blank=True, db_index=True, default=""
    )
    status_changed_on = models.DateField(
        null=True, blank=True, help_text="Since when the current status has held."
    )
    status_reaffirmed_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When the status was last said again."
    )
    # Derived facts kept by initiatives.signals (read there why); no history of their own.
    mention_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Mentions at any meeting."
    )
    last_mentioned_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Start of the latest held meeting that mentioned it.",
    )
    last_update_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Date of the latest officer progress update that is not withdrawn.",
    )
    last_evidence_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Latest evidence of any kind: a held meeting's mention, an update, a note.",
    )
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    expected_date = models.DateField(
        null=True, blank=True, help_text="When the next step is due (earliest date of the text)."
    )
    expected_text = models.CharField(max_length=100, blank=True, help_text='e.g. "early 2023".')
    expected_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    expected_status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="The status when the next step was expected; moving past it meets it.",
    )
    # Kept by initiatives.signals from the fields above and the status that holds.
    expected_by = models.DateField(
        null=True, blank=True, editable=False, help_text="Last day of the expected period."
    )
    expected_met = models.BooleanField(default=False, editable=False)
    lead_body = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_initiatives"
    )
    partners = models.ManyToManyField(
        Partner, through="InitiativePartner", related_name="initiatives", blank=True
    )
    work_plan_partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_plans",
        help_text="For a yearly work plan: the dialogue partner it is agreed with.",
    )
    work_plan_year = models.PositiveSmallIntegerField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    outcomes = models.ManyToManyField(DesiredOutcome, related_name="initiatives", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_initiatives",
    )
    sources = models.TextField(blank=True, help_text="Source URLs, one per line.")
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every edit, so that concurrent edits are detected."
    )

    # The status and the facts derived from evidence are a cache kept by initiatives.tracking;
    # their changes are told by the evidence itself (the timeline, the status feed), not history.
    # `version` stays in the history (hidden on history pages), so that a 409 can say what
    # changed since the version an API client sent.
    history = HistoricalRecords(
        excluded_fields=[
            "status",
            "status_changed_on",
            "status_reaffirmed_on",
            "mention_count",
            "last_mentioned_on",
            "last_update_on",
            "last_evidence_on",
            "expected_by",
            "expected_met",
        ]
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # The dashboard's overdue and coming-up lists.
            models.Index(fields=["expected_date", "name"], name="initiative_expected"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="initiative_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values),
                name="initiative_status_valid",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="initiative_not_own_parent"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.slug])

    @property
    def label(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def period(self) -> str:
        return format_period(self.period_start, self.period_end)

    @property
    def expected_label(self) -> str:
        """The expected step's date as precisely as it was said: "2023", not "1 Jan 2023"."""
        from .status import format_expected

        if not self.expected_date:
            return self.expected_text
        return format_expected(self.expected_date, self.expected_precision)

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        from .status import is_overdue

        return is_overdue(
            expected_on=self.expected_date,
            precision=self.expected_precision,
            expected_status=self.expected_status,
            held=self.status,
            today=timezone.localdate(),
        )

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def names(self) -> list[str]:
        names = super().names()
        if self.acronym and self.acronym not in names:
            names.append(self.acronym)
        return names


def format_period(start: int | None, end: int | None) -> str:
    """An initiative's period as pages and exports show it: 2021-2025, from 2021, until 2025."""
    if start and end:
        return f"{start}-{end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


class InitiativePartner(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partner_roles"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="initiative_roles")
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "role", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "partner", "role"], name="initiative_partner_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_role_display()}) in {self.initiative}"


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
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        default="",
        help_text="Blank when the ministers said nothing about progress.",
    )
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
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values),
                name="mention_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} at the {self.meeting.short_name}"

    @property
    def is_report(self) -> bool:
        return self.evidence == EvidenceKind.REPORT

    @property
    def counts(self) -> bool:
        """A report replaced by a quotation is a second source, not a second mention."""
        return self.replaced_by_id is None


class ProgressUpdate(TimeStampedModel):
    """Progress recorded between meetings; with a member state it is that state's country note."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="progress_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField()
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        default="",
        help_text="Blank when the update does not change the status.",
    )
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
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=Status.values),
                name="progress_status_valid",
            ),
        ]

    def __str__(self) -> str:
        what = "Country note" if self.member_state_id else "Progress update"
        return f"{what} on {self.initiative} ({self.date:%d %b %Y})"

    @property
    def is_country_note(self) -> bool:
        return self.member_state_id is not None


class StatusRule(TimeStampedModel):
    """One row of the importer's phrase-to-status table, editable by admins.

    The importer takes the action phrase governing a mention and applies the enabled rules in
    order of priority (highest first); the first that matches sets the status.
    """

    pattern = models.CharField(max_length=300)
    match_kind = models.CharField(
        max_length=20, choices=MatchKind.choices, default=MatchKind.SUBSTRING
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="Blank: the phrase says nothing about progress (e.g. 'expressed appreciation').",
    )
    priority = models.IntegerField(
        default=100, help_text="Higher runs first; longer, more specific phrases deserve more."
    )
    enabled = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-priority", "pattern"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "match_kind"], name="status_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern!r} → {self.status or 'no status'}"


class ImportJob(TimeStampedModel):
    """One run of the statement importer, from upload to confirmation.

    The uploaded bytes stay here until the officer confirms or discards the proposal, so that
    parsing can run in a Celery worker and nothing reaches the tracking tables before confirmation.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be parsed"
        PARSING = "parsing", "Parsing"
        READY = "ready", "Ready for review"
        FAILED = "failed", "Failed"
        CONFIRMED = "confirmed", "Confirmed"
        DISCARDED = "discarded", "Discarded"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    source_url = models.URLField(max_length=500, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    proposal = models.JSONField(null=True, blank=True)
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="import_progress_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Import of {self.filename or 'pasted text'} ({self.get_state_display()})"


class Topic(models.Model):
    """A subject people look for across initiatives: AI, cybersecurity, digital trade, ...

    Initiatives get their topics suggested by the keywords (see initiatives.search) when they
    are created; officers correct them on the initiative's form, admins edit the keywords.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    keywords = models.TextField(
        blank=True,
        help_text=(
            "Words or phrases that suggest this topic when an initiative's name, acronym or "
            "aliases contain them, one per line. Words of four letters or fewer (AI, CERT) "
            "match whole words only; longer ones also match words they begin (cyber: "
            "cybersecurity)."
        ),
    )
    initiatives = models.ManyToManyField(Initiative, related_name="topics", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class SearchSynonym(models.Model):
    """What else to look for when someone searches a term: AI also finds "artificial
    intelligence". One direction per row, so that "CERT" may widen to cybersecurity without
    every cybersecurity search being read as CERT.
    """

    term = models.CharField(
        max_length=100, unique=True, help_text='What someone types, e.g. "AI" (any case).'
    )
    equivalents = models.TextField(
        help_text='Also searched for, one per line, e.g. "artificial intelligence".'
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"

    def __str__(self) -> str:
        return f"{self.term} → {', '.join(self.equivalent_list)}"

    @property
    def equivalent_list(self) -> list[str]:
        return [line.strip() for line in self.equivalents.splitlines() if line.strip()]
