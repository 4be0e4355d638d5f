"""A small factory for the tracking screens: a meeting series with a statement, and growth.

`build_world()` makes a base record; `grow(world, n)` adds n of every kind of row a page lists
(initiatives, partner roles, paragraphs, mentions, progress updates, country notes, children,
history entries, earlier meetings), so that a test can compare query counts at two sizes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from initiatives import services
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
from partners.models import Partner, UserProfile
from tracker.slugs import unique_slug

_counter = itertools.count(1)


def make_partner(name: str, kind: str = "dialogue_partner", **extra) -> Partner:
    partner, _ = Partner.objects.get_or_create(
        name=name, defaults={"slug": slugify(name), "kind": kind, **extra}
    )
    return partner


def make_meeting(series: str, number: int, start: date | None, **extra) -> Meeting:
    return Meeting.objects.create(
        series=series,
        number=number,
        slug=services.meeting_slug(series, number),
        start_date=start,
        **extra,
    )


def make_statement(meeting: Meeting, paragraphs: list[str]) -> Statement:
    @dataclass
    class P:
        number: int
        text: str
        section: str = ""

    text = "\n\n".join(f"{n}. {t}" for n, t in enumerate(paragraphs, 1))
    return services.statement_create(
        meeting=meeting,
        text=text + f"\n<!-- {next(_counter)} -->",
        paragraphs=[P(n, t) for n, t in enumerate(paragraphs, 1)],
        title=f"Joint Media Statement of the {meeting.short_name}",
    )


def make_initiative(name: str, **extra) -> Initiative:
    slug = extra.pop("slug", None) or unique_slug(Initiative, extra.get("acronym") or name)
    return Initiative.objects.create(name=name, slug=slug, **extra)


def mention(
    meeting: Meeting,
    initiative: Initiative,
    *,
    paragraph: Paragraph | None = None,
    phrase: str = "",
    status: str = "",
    matched: str = "",
) -> Mention:
    return services.mention_record(
        meeting=meeting,
        initiative=initiative,
        paragraph=paragraph,
        phrase=phrase,
        matched_text=matched or initiative.name,
        status=status,
        confirmed=True,
    )


def progress(
    initiative: Initiative,
    on: date,
    *,
    summary: str = "Work continues.",
    status: str = "",
    member_state: Partner | None = None,
    author=None,
    **extra,
) -> ProgressUpdate:
    update = ProgressUpdate.objects.create(
        initiative=initiative,
        date=on,
        summary=summary,
        status=status,
        member_state=member_state,
        author=author,
        **extra,
    )
    services.initiative_refresh_status(initiative=initiative)
    return update


@dataclass
class World:
    meetings: list[Meeting]
    planned: Meeting
    statement: Statement
    japan: Partner
    malaysia: Partner
    singapore: Partner
    body: Partner
    focus: Initiative
    masterplan: Initiative
    grown: int = 0
    extra: list[Initiative] = field(default_factory=list)


def build_world() -> World:
    japan = make_partner("Japan")
    malaysia = make_partner("Malaysia", "member_state", country_code="MY")
    singapore = make_partner("Singapore", "member_state", country_code="SG")
    body = make_partner(
        "ASEAN Digital Senior Officials' Meeting", "asean_body", short_name="ADGSOM"
    )
    meetings = [
        make_meeting("ADGMIN", 1, date(2021, 1, 21)),
        make_meeting("ADGMIN", 2, date(2022, 1, 28)),
        make_meeting("ADGMIN", 3, date(2023, 2, 9)),
    ]
    planned = make_meeting(
        "ADGMIN", 4, date(2024, 1, 1), is_planned=True, date_text="January/February 2024"
    )
    masterplan = make_initiative(
        "ASEAN Digital Masterplan 2025", acronym="ADM 2025", kind="masterplan"
    )
    for n in range(1, 9):
        DesiredOutcome.objects.create(masterplan=masterplan, code=f"DO{n}", title=f"Outcome {n}")
    focus = make_initiative(
        "Digital Economy Framework Agreement",
        acronym="DEFA",
        kind="agreement",
        lead_body=body,
        description="A region-wide agreement on digital trade.",
    )
    statement = make_statement(
        meetings[2],
        [
            "The Meeting welcomed the progress made in the ASEAN Digital Masterplan 2025.",
            "The Meeting looked forward to the completion of study for the Digital Economy "
            "Framework Agreement (DEFA), with Malaysia and Japan.",
        ],
    )
    paragraphs = list(statement.paragraphs.order_by("number"))
    mention(meetings[0], masterplan, phrase="launched and adopted", status="adopted")
    mention(
        meetings[2],
        masterplan,
        paragraph=paragraphs[0],
        phrase="welcomed the progress made",
        status="implementing",
    )
    mention(meetings[1], focus, phrase="noted the proposal", status="proposed")
    mention(
        meetings[2],
        focus,
        paragraph=paragraphs[1],
        phrase="looked forward to the completion of study",
        status="preparing",
        matched="Digital Economy Framework Agreement (DEFA)",
    )
    InitiativePartner.objects.create(initiative=focus, partner=japan, role="funder")
    InitiativePartner.objects.create(initiative=focus, partner=malaysia, role="co_lead")
    return World(
        meetings=meetings,
        planned=planned,
        statement=statement,
        japan=japan,
        malaysia=malaysia,
        singapore=singapore,
        body=body,
        focus=focus,
        masterplan=masterplan,
    )


def grow(world: World, n: int, *, author=None) -> World:
    """Add n rows of every kind the pages list, touching the focus initiative and partners."""
    outcomes = list(DesiredOutcome.objects.filter(masterplan=world.masterplan))
    next_number = world.statement.paragraphs.count() + 1
    for i in range(world.grown, world.grown + n):
        partner = make_partner(f"Partner {i:03d}")
        initiative = make_initiative(
            f"Initiative {i:03d}",
            acronym=f"I{i:03d}",
            kind="work_plan" if i % 2 else "framework",
            lead_body=world.body,
            parent=world.focus,
            period_start=2020,
            period_end=2030,
            work_plan_partner=world.japan,
            work_plan_year=2020 + i % 6,
            expected_date=date.today() + timedelta(days=(i % 5) * 30 - 60),
        )
        initiative.outcomes.add(outcomes[i % len(outcomes)])
        world.masterplan.outcomes.add(outcomes[i % len(outcomes)])
        InitiativePartner.objects.create(initiative=initiative, partner=world.japan, role="funder")
        InitiativePartner.objects.create(initiative=initiative, partner=partner, role="partner")
        InitiativePartner.objects.create(initiative=initiative, partner=world.malaysia, role="lead")
        InitiativePartner.objects.create(initiative=world.focus, partner=partner, role="supporter")
        paragraph = Paragraph.objects.create(
            statement=world.statement,
            number=next_number,
            section="Cooperation",
            text=f"The Meeting endorsed the Initiative {i:03d} with Japan and Malaysia.",
        )
        next_number += 1
        statuses = ["proposed", "preparing", "adopted", "implementing", ""]
        mention(world.meetings[0], initiative, phrase="noted", status=statuses[(i + 2) % 5])
        if i % 3:
            mention(world.meetings[1], initiative, phrase="welcomed", status=statuses[i % 5])
        mention(
            world.meetings[2], initiative, paragraph=paragraph, phrase="endorsed", status="adopted"
        )
        mention(world.meetings[2], world.focus, paragraph=paragraph, phrase="welcomed")
        earlier = make_meeting("ADGMIN+Japan", i + 1, date(2019, 1, 1) + timedelta(days=i))
        mention(earlier, world.focus, phrase="discussed", status="proposed")
        mention(earlier, initiative, phrase="discussed", status="proposed")
        progress(initiative, date(2024, 1, 1) + timedelta(days=i), author=author)
        progress(
            world.focus,
            date(2024, 2, 1) + timedelta(days=i),
            author=author,
            status="preparing",
            percent_complete=i % 100,
        )
        progress(
            world.focus,
            date(2024, 3, 1) + timedelta(days=i),
            member_state=world.malaysia,
            summary=f"Malaysia note {i}",
        )
        progress(
            initiative,
            date(2024, 3, 1) + timedelta(days=i),
            member_state=world.malaysia,
            summary=f"Malaysia note on {i}",
        )
        focus = Initiative.objects.get(pk=world.focus.pk)
        focus.description = f"A region-wide agreement on digital trade (revision {i})."
        focus.lead_body = partner if i % 2 else world.body
        focus._history_user = author
        focus.save()
        world.extra.append(initiative)
    world.grown += n
    world.focus.refresh_from_db()
    return world


def make_user(username: str, group: str, member_state: Partner | None = None, **extra):
    """A user in one of the tracker's roles (tracker.roles), with a profile; password "pw"."""
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", **extra
    )
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.create(user=user, member_state=member_state)
    return user
