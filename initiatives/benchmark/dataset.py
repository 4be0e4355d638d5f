"""A synthetic dataset shaped like years of ADGMIN records, for the benchmark command.

Rows are bulk-inserted (no history rows, no per-row services): the benchmark measures reading,
and building 20,000 initiatives one save at a time would take longer than measuring them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.module_loading import import_string

from initiatives.choices import InitiativeKind, PartnerRole, Status
from initiatives.models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
)
from initiatives.signals import refresh_tracking
from partners.choices import PartnerKind
from partners.models import Partner, UserProfile
from tracker import roles

from . import STEPS


@dataclass(frozen=True)
class Size:
    name: str
    initiatives: int
    meetings: int
    mentions_per_initiative: int = 10
    updates_per_initiative: int = 5
    partners: int = 60
    member_states: int = 11
    paragraphs_per_statement: int = 40


SIZES = {
    "small": Size("small", 200, 6),
    "medium": Size("medium", 2_000, 20),
    "large": Size("large", 20_000, 60),
}

MEMBER_STATES = [
    "Brunei Darussalam", "Cambodia", "Indonesia", "Lao PDR", "Malaysia", "Myanmar",
    "Philippines", "Singapore", "Thailand", "Viet Nam", "Timor-Leste",
]  # fmt: skip
LADDER = [Status.PROPOSED, Status.PREPARING, Status.ADOPTED, Status.IMPLEMENTING, Status.COMPLETED]
BATCH = 5_000

BENCH_PASSWORD = "benchmark-password"  # the throwaway benchmark database only


def _partners(size: Size) -> list[Partner]:
    rows = [
        Partner(name=name, slug=f"ms-{i}", kind=PartnerKind.MEMBER_STATE, country_code=f"M{i % 10}")
        for i, name in enumerate(MEMBER_STATES[: size.member_states])
    ]
    kinds = [PartnerKind.DIALOGUE_PARTNER, PartnerKind.INTERNATIONAL_ORG, PartnerKind.ASEAN_BODY]
    for i in range(size.partners - len(rows)):
        rows.append(
            Partner(name=f"Partner {i:03d}", slug=f"partner-{i:03d}", kind=kinds[i % len(kinds)])
        )
    return Partner.objects.bulk_create(rows)


def _meetings(size: Size, host: Partner) -> list[Meeting]:
    start = date(2021, 1, 20)
    rows = []
    for i in range(size.meetings):
        day = start + timedelta(days=120 * i)
        rows.append(
            Meeting(
                series="ADGMIN", number=i + 1, slug=f"adgmin-{i + 1}", title=f"ADGMIN {i + 1}",
                start_date=day, end_date=day + timedelta(days=1), venue="Venue", host=host,
                is_planned=i == size.meetings - 1,
            )
        )  # fmt: skip
    return Meeting.objects.bulk_create(rows)


def _statements(size: Size, meetings: list[Meeting]) -> dict[int, list[Paragraph]]:
    statements = Statement.objects.bulk_create(
        Statement(meeting=m, text=f"Statement {m.number}", checksum=f"{m.number:064d}")
        for m in meetings
        if not m.is_planned
    )
    paragraphs = [
        Paragraph(statement=s, number=n, section="Section", text=f"The Meeting noted item {n}.")
        for s in statements
        for n in range(1, size.paragraphs_per_statement + 1)
    ]
    Paragraph.objects.bulk_create(paragraphs, batch_size=BATCH)
    by_meeting: dict[int, list[Paragraph]] = {}
    for p in Paragraph.objects.select_related("statement").order_by("statement", "number"):
        by_meeting.setdefault(p.statement.meeting_id, []).append(p)
    return by_meeting


@transaction.atomic
def build(size: Size, *, seed: int = 2023) -> dict[str, int]:
    """Fill an empty database with `size` worth of records; returns the row counts."""
    rng = random.Random(seed)
    partners = _partners(size)
    states, others = partners[: size.member_states], partners[size.member_states :]
    meetings = _meetings(size, states[0])
    held = [m for m in meetings if not m.is_planned]
    paragraphs = _statements(size, meetings)

    User = get_user_model()
    # A superuser in the officer group, so that the admin changelist can serve as a reference.
    officer = User.objects.create_user(
        "bench-officer", password=BENCH_PASSWORD, is_staff=True, is_superuser=True
    )
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    UserProfile.objects.create(user=officer)
    focal = User.objects.create_user("bench-focal", password=BENCH_PASSWORD)
    focal.groups.add(Group.objects.get(name=roles.FOCAL_POINT))
    UserProfile.objects.create(user=focal, member_state=states[4])

    kinds = InitiativeKind.values
    masterplan = Initiative.objects.create(
        name="Benchmark Masterplan", slug="benchmark-masterplan", kind=InitiativeKind.MASTERPLAN
    )
    outcomes = DesiredOutcome.objects.bulk_create(
        DesiredOutcome(masterplan=masterplan, code=f"DO{i}", title=f"Outcome {i}")
        for i in range(1, 9)
    )
    today = date.today()
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                name=f"ASEAN Synthetic Initiative {i:05d}",
                slug=f"synthetic-{i:05d}",
                acronym=f"ASI{i}",
                # The export benchmark filters on this alias: exactly 2,000 rows at every size
                # that has them.
                aliases=f"Synthetic {i}" + ("\nexport-set" if i < 2_000 else ""),
                kind=kinds[i % len(kinds)],
                description="A synthetic initiative for the benchmark.",
                period_start=2021 + i % 4,
                period_end=2025 + i % 6,
                expected_date=today + timedelta(days=rng.randint(-200, 400)),
                lead_body=others[i % len(others)],
                owner=officer,
            )
            for i in range(size.initiatives)
        ),
        batch_size=BATCH,
    )

    links, outcome_links, mentions, updates = [], [], [], []
    OutcomeLink = Initiative.outcomes.through
    for i, initiative in enumerate(initiatives):
        for j, partner in enumerate(rng.sample(partners, 3)):
            links.append(
                InitiativePartner(
                    initiative=initiative, partner=partner, role=PartnerRole.values[j % 3]
                )
            )
        outcome_links.append(
            OutcomeLink(initiative_id=initiative.pk, desiredoutcome_id=outcomes[i % 8].pk)
        )
        # Mentions climb the ladder over consecutive meetings, as real initiatives do.
        first = rng.randrange(max(1, len(held) - size.mentions_per_initiative + 1))
        rung = 0
        mentioned_at = held[first : first + size.mentions_per_initiative]
        for meeting in mentioned_at:
            paragraph = rng.choice(paragraphs[meeting.pk])
            rung = min(rung + rng.choice([0, 0, 1]), len(LADDER) - 1)
            mentions.append(
                Mention(
                    meeting=meeting, paragraph=paragraph, initiative=initiative,
                    phrase="welcomed the progress of", status=LADDER[rung], is_confirmed=True,
                )
            )  # fmt: skip
        for k in range(size.updates_per_initiative):
            update = ProgressUpdate(
                initiative=initiative, author=officer,
                date=today - timedelta(days=rng.randint(0, 400)),
                status="" if k else LADDER[rung], percent_complete=rng.randint(0, 100),
                summary="Progress recorded for the benchmark.",
                member_state=states[k % len(states)] if k % 2 else None,
            )  # fmt: skip
            updates.append(update)
    InitiativePartner.objects.bulk_create(links, batch_size=BATCH)
    OutcomeLink.objects.bulk_create(outcome_links, batch_size=BATCH)
    Mention.objects.bulk_create(mentions, batch_size=BATCH)
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    for step in STEPS:  # the apps above add theirs (implementation's records, registered)
        import_string(step)(initiatives, states, rng=rng, today=today)
    # bulk_create sends no signal: the stored status and facts come from the status engine
    # reading the rows, as they would after the app's own writes.
    refresh_tracking()
    return counts()


def is_built() -> bool:
    """True when an earlier run left a complete dataset here (the --reuse option)."""
    return get_user_model().objects.filter(username="bench-officer").exists()


def counts() -> dict[str, int]:
    return {
        "initiatives": Initiative.objects.count(),
        "meetings": Meeting.objects.count(),
        "partners": Partner.objects.count(),
        "mentions": Mention.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
    }
