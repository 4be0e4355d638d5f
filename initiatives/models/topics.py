"""Topics and search synonyms: how people find initiatives."""

from django.db import models

from .records import Initiative


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
