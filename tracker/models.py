"""Shared abstract models."""

from django.db import models


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
