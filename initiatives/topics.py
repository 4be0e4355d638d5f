"""Topics suggested from an initiative's names: the rule is a topic's keywords, read as search
reads a query (initiatives.search), so a topic suggested for "AI" is one a search for AI finds.

Suggestions only add topics: an officer who removed one on the form is not overruled later,
because suggestions run when an initiative is created (and once for existing rows, in
migration 0009), not on every save.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker import permissions

from .models import Initiative, Topic
from .search import phrases_match


def suggested_topics(initiative: Initiative, topics: Iterable[Topic] | None = None) -> list[Topic]:
    """The topics whose keywords occur in the initiative's name, acronym or aliases."""
    names = [initiative.name, initiative.acronym, *initiative.alias_list]
    if topics is None:
        topics = Topic.objects.all()
    return [topic for topic in topics if phrases_match(topic.keyword_list, names)]


def topics_suggest(*, initiative: Initiative) -> list[Topic]:
    """Give a new initiative the topics its names suggest; returns those added."""
    suggested = suggested_topics(initiative)
    if suggested:
        initiative.topics.add(*suggested)
    return suggested


def topics_set(*, initiative: Initiative, topics: Iterable[Topic], user) -> None:
    """An officer's choice of topics for an initiative, replacing what was there."""
    permissions.require_records_editor(user, "initiatives")
    initiative.topics.set(list(topics))


def topics_add(*, initiative: Initiative, topics: Iterable[Topic], user) -> None:
    """Topics an officer ticked on a new initiative, added to those its names suggest."""
    permissions.require_records_editor(user, "initiatives")
    initiative.topics.add(*topics)


def topics_suggest_for_all(*, only_without_topics: bool = True) -> int:
    """Suggest topics for every initiative (by default only those that have none yet).

    Used after bulk loads that bypass the services (the demo loader); returns how many
    initiatives got a topic.
    """
    topics = list(Topic.objects.all())
    initiatives = Initiative.objects.all()
    if only_without_topics:
        initiatives = initiatives.filter(topics__isnull=True)
    changed = 0
    for initiative in initiatives:
        suggested = suggested_topics(initiative, topics)
        if suggested:
            initiative.topics.add(*suggested)
            changed += 1
    return changed
