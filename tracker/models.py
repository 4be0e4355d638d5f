"""Shared abstract models, and the model field every app uses to link a record to a user."""

from django.conf import settings
from django.db import models


def user_field(related_name: str = "+", **options) -> models.ForeignKey:
    """The user who did something to a record, or owns it. Deleting the account keeps the record
    and empties the link (SET_NULL), so a history never loses its rows with its people."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class NamedModel(TimeStampedModel):
    """A record that statements refer to by name, acronym or one of several aliases."""

    name = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.TextField(
        blank=True, help_text="Other names used in statements, one per line."
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def add_alias(self, alias: str) -> bool:
        """Remember a new spelling; returns False when it is already known (case-insensitively)."""
        alias = alias.strip()
        known = {n.casefold() for n in self.names()}
        if not alias or alias.casefold() in known:
            return False
        self.aliases = "\n".join([*self.alias_list, alias])
        return True

    def names(self) -> list[str]:
        """Every spelling the importer should recognise for this record."""
        return [self.name, *self.alias_list]
