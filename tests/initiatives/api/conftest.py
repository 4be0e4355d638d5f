"""Fixtures of the API tests: clients authenticated as each persona, and records made to size."""

from datetime import date
from types import SimpleNamespace

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives import services
from initiatives.models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    Meeting,
    ProgressUpdate,
)
from partners.models import Partner


@pytest.fixture
def api():
    """An API client; `api.as_user(user)` authenticates it with the user's token."""

    class Client(APIClient):
        def as_user(self, user):
            token, _ = Token.objects.get_or_create(user=user)
            self.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            return self

    return Client()


@pytest.fixture
def make_records(db, malaysia):
    """Make `n` initiatives, each with a partner role, an outcome, a mention and two updates."""

    def make(n: int, *, prefix: str = "item") -> list[Initiative]:
        ministry, _ = Partner.objects.get_or_create(
            slug="ministry", defaults={"name": "Ministry", "kind": "asean_body"}
        )
        meeting, _ = Meeting.objects.get_or_create(
            series="ADGMIN",
            number=9,
            defaults={"slug": "adgmin-9", "start_date": date(2024, 2, 1)},
        )
        plan, _ = Initiative.objects.get_or_create(
            slug="plan", defaults={"name": "Master Plan", "kind": "masterplan"}
        )
        outcome, _ = DesiredOutcome.objects.get_or_create(
            masterplan=plan, code="DO1", defaults={"title": "Outcome one"}
        )
        made = []
        for i in range(n):
            initiative = Initiative.objects.create(
                name=f"{prefix} framework {i}",
                slug=f"{prefix}-{i}",
                kind="framework",
                lead_body=ministry,
                parent=plan,
            )
            initiative.outcomes.add(outcome)
            InitiativePartner.objects.create(initiative=initiative, partner=malaysia, role="lead")
            services.mention_record(
                meeting=meeting, initiative=initiative, phrase="endorsed", status="adopted"
            )
            ProgressUpdate.objects.create(
                initiative=initiative, date=date(2024, 3, 1), summary="On track", status=""
            )
            ProgressUpdate.objects.create(
                initiative=initiative,
                date=date(2024, 3, 2),
                summary="Our part is done",
                member_state=malaysia,
            )
            body = Partner.objects.create(
                name=f"{prefix} body {i}",
                slug=f"{prefix}-body-{i}",
                kind="asean_body",
                parent=ministry,
                aliases="One\nTwo",
            )
            InitiativePartner.objects.create(initiative=initiative, partner=body, role="funder")
            own_meeting = Meeting.objects.create(
                series=f"{prefix} forum",
                number=i + 1,
                slug=f"{prefix}-forum-{i + 1}",
                start_date=date(2024, 1, 1),
                host=body,
                chair_country=malaysia,
            )
            paragraphs = [
                SimpleNamespace(number=1, section="Digital", text=f"{initiative.name} endorsed."),
                SimpleNamespace(number=2, section="Digital", text="The Meeting noted progress."),
            ]
            statement = services.statement_create(
                meeting=own_meeting, text=f"statement {prefix} {i}", paragraphs=paragraphs
            )
            services.mention_record(
                meeting=own_meeting,
                initiative=initiative,
                paragraph=statement.paragraphs.get(number=1),
                phrase="endorsed",
                status="adopted",
            )
            made.append(initiative)
        return made

    return make
