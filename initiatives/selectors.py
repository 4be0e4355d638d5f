"""Reads that several views (and the API) share."""

from django.db.models import Count, Prefetch, QuerySet

from .models import Initiative, Meeting, Mention


def meetings_in_order() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("host").annotate(
        statement_count=Count("statements", distinct=True)
    )


def initiatives_with_counts() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("lead_body").annotate(
        mention_count=Count("mentions", distinct=True)
    )


def initiative_timeline(initiative: Initiative) -> list[Mention]:
    """The initiative's mentions in meeting order, with what a timeline needs loaded."""
    return list(
        initiative.mentions.select_related("meeting", "paragraph").order_by(
            "meeting__start_date", "paragraph__number"
        )
    )


def meeting_with_paragraphs(slug: str) -> Meeting:
    mentions = Prefetch("mentions", queryset=Mention.objects.select_related("initiative"))
    from .models import Paragraph, Statement

    paragraphs = Prefetch("paragraphs", queryset=Paragraph.objects.prefetch_related(mentions))
    statements = Prefetch("statements", queryset=Statement.objects.prefetch_related(paragraphs))
    return (
        Meeting.objects.select_related("host", "chair_country", "vice_chair_country")
        .prefetch_related(statements)
        .get(slug=slug)
    )
