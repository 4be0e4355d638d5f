"""Example activity for the demo: a few progress updates and country notes by the demo users.

So that dashboards look as they will in use, the demo adds what officers and focal points might
record between meetings. None of it is real: every row is marked `is_example`, every page shows
it with an "Example" label, none sets a status (the record's statuses come from evidence only),
and `python manage.py remove_examples` deletes all of it.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from initiatives import services
from initiatives.models import Initiative, ProgressUpdate
from partners.models import Partner

# (username, member state for a country note or None, initiative name, date, percent, summary)
EXAMPLES: list[tuple[str, str | None, str, date, int | None, str]] = [
    (
        "officer",
        None,
        "ASEAN Digital Masterplan 2030",
        date(2026, 3, 20),
        5,
        "Example entry: the secretariat circulated a draft monitoring template for the ADM 2030 "
        "desired outcomes to the ADGSOM leads.",
    ),
    (
        "officer",
        None,
        "ASEAN Regional Computer Emergency Response Team",
        date(2026, 6, 15),
        None,
        "Example entry: notes of a Regional CERT taskforce call filed; the yearly exercise "
        "calendar is being drafted.",
    ),
    (
        "officer",
        None,
        "ASEAN AI Safety Network",
        date(2026, 9, 10),
        None,
        "Example entry: the secretariat asked the lead for a short progress note to table at the "
        "7th ADGMIN.",
    ),
    (
        "focal-my",
        "Malaysia",
        "ASEAN AI Safety Network",
        date(2026, 5, 12),
        None,
        "Example country note: national contact point named; a first meeting of the national "
        "working team held.",
    ),
    (
        "focal-my",
        "Malaysia",
        "ASEAN Digital Masterplan 2030",
        date(2026, 7, 1),
        None,
        "Example country note: ADM 2030 priorities mapped to the national digital plan.",
    ),
    (
        "focal-sg",
        "Singapore",
        "ASEAN Regional Computer Emergency Response Team",
        date(2026, 8, 19),
        None,
        "Example country note: the national CERT took part in a regional drill hosted by the "
        "Regional CERT.",
    ),
    (
        "focal-sg",
        "Singapore",
        "ASEAN Model Contractual Clauses for Cross Border Data Flows",
        date(2026, 10, 5),
        None,
        "Example country note: an industry briefing on the model clauses held with the data "
        "protection authority.",
    ),
]


@transaction.atomic
def examples_add() -> dict[str, int]:
    """Add the example rows that are missing; nothing before the demo users exist."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_usernames())}
    created = {"progress updates": 0, "country notes": 0}
    touched: set[int] = set()
    for username, state, name, on, percent, summary in EXAMPLES:
        user = users.get(username)
        initiative = Initiative.objects.filter(name=name).first()
        member_state = Partner.objects.filter(name=state).first() if state else None
        if user is None or initiative is None or (state and member_state is None):
            continue
        _, made = ProgressUpdate.objects.get_or_create(
            initiative=initiative,
            author=user,
            date=on,
            is_example=True,
            defaults={
                "summary": summary,
                "percent_complete": percent,
                "member_state": member_state,
            },
        )
        if made:
            created["country notes" if state else "progress updates"] += 1
            touched.add(initiative.pk)
    for initiative in Initiative.objects.filter(pk__in=touched):
        services.initiative_refresh_status(initiative=initiative)
    return {what: n for what, n in created.items() if n}


@transaction.atomic
def examples_remove() -> int:
    """Delete every example row; returns how many went."""
    examples = ProgressUpdate.objects.filter(is_example=True)
    touched = set(examples.values_list("initiative_id", flat=True))
    count, _ = examples.delete()
    for initiative in Initiative.objects.filter(pk__in=touched):
        services.initiative_refresh_status(initiative=initiative)
    return count


def _usernames() -> set[str]:
    return {row[0] for row in EXAMPLES}
