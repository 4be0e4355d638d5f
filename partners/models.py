from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from tracker.models import NamedModel

from .choices import PartnerKind


class PartnerQuerySet(models.QuerySet):
    def member_states(self, *, on=None):
        """Member states, optionally only those that were members on a given date."""
        qs = self.filter(kind=PartnerKind.MEMBER_STATE)
        if on is not None:
            qs = qs.filter(models.Q(member_since__isnull=True) | models.Q(member_since__lte=on))
        return qs


class Partner(NamedModel):
    """Any actor named in statements: a member state, dialogue partner, organisation or body."""

    kind = models.CharField(max_length=30, choices=PartnerKind.choices, db_index=True)
    short_name = models.CharField(max_length=60, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    country_code = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, for member states."
    )
    member_since = models.DateField(
        null=True,
        blank=True,
        help_text="Date of admission to ASEAN (member states only; blank for founding members).",
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    history = HistoricalRecords()
    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_since__isnull=True) | models.Q(kind="member_state"),
                name="partner_member_since_only_for_member_states",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.slug])

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def is_member_state(self) -> bool:
        return self.kind == PartnerKind.MEMBER_STATE

    def names(self) -> list[str]:
        names = super().names()
        if self.short_name and self.short_name not in names:
            names.append(self.short_name)
        return names


class UserProfile(models.Model):
    """What the tracker knows about a user beyond Django's auth: focal-point state and reminders."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    member_state = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": PartnerKind.MEMBER_STATE},
        related_name="focal_points",
        help_text="The member state a focal point speaks for.",
    )
    remind_stale = models.BooleanField("weekly stale-initiative reminders", default=True)
    remind_meeting = models.BooleanField("reminders before a planned meeting", default=True)
    digest_imports = models.BooleanField("digest after each statement import", default=True)
    notify_updates = models.BooleanField(
        "email when someone else records progress on my initiatives", default=True
    )
    remind_implementation = models.BooleanField(
        "reminders to update my member state's implementation records", default=True
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Profile of {self.user}"
