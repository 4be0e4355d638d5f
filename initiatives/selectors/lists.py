"""Lists of initiatives: the annotations lists sort and filter on, stale and due, counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from partners.models import Partner

from .. import status as engine
from ..choices import STATUS_RANK, Status
from ..models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    ProgressUpdate,
)

# Statuses after which silence is expected: nobody reports on a finished or replaced initiative.
TERMINAL_STATUSES = frozenset(engine.ENDS)


# ---------------------------------------------------------------------------------------------
# Status helpers
# ---------------------------------------------------------------------------------------------
def status_rank_expression() -> Case:
    """An SQL expression ranking the stored status, so lists can sort along the ladder."""
    whens = [When(status=s, then=Value(STATUS_RANK.get(s, 0))) for s in Status.values]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def stale_cutoff(today: date | None = None) -> date:
    return engine.stale_cutoff(today or timezone.localdate(), settings.STALE_AFTER_DAYS)


# ---------------------------------------------------------------------------------------------
# Initiatives
# ---------------------------------------------------------------------------------------------
def with_tracking(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Annotate what lists sort on: status_rank, the position of the status on the ladder.

    What they show and filter on besides (mention_count, last_mentioned_on, last_update_on) is
    stored on the row and kept by initiatives.signals.
    """
    if "status_rank" in queryset.query.annotations:
        return queryset
    return queryset.annotate(status_rank=status_rank_expression())


def stale_q(today: date | None = None) -> Q:
    """engine.is_stale in SQL, on the stored facts: no evidence of any kind (a meeting's
    mention, an update, a country note) for STALE_AFTER_DAYS; never a one-off act or an
    initiative that has ended. tests/initiatives/status/ checks that both agree."""
    return (
        ~Q(status__in=TERMINAL_STATUSES)
        & ~Q(kind__in=engine.ONE_OFF_KINDS)
        & (Q(last_evidence_on__isnull=True) | Q(last_evidence_on__lt=stale_cutoff(today)))
    )


def overdue_q(today: date | None = None) -> Q:
    """engine.is_overdue in SQL, on the stored facts: the expected step's whole period has
    passed and the status has not moved past the one that held when it was expected."""
    today = today or timezone.localdate()
    return Q(expected_by__lt=today, expected_met=False)


# "Coming up" on the dashboard and in the list's Due filter: about six months ahead.
DUE_SOON_DAYS = 180


def due_soon_q(today: date | None = None) -> Q:
    """Expected steps not yet happened whose period has not passed and starts within
    DUE_SOON_DAYS."""
    today = today or timezone.localdate()
    return Q(
        expected_by__gte=today,
        expected_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        expected_met=False,
    )


def initiative_list() -> QuerySet[Initiative]:
    """The initiatives as every list, filter and export reads them."""
    return with_tracking(Initiative.objects.select_related("lead_body"))


# What an export writes per initiative, read as plain values: building 2,000 model instances
# (and their partner rows) costs more than the queries themselves.
EXPORT_FIELDS = (
    "pk", "slug", "name", "acronym", "kind", "status", "status_changed_on", "period_start",
    "period_end", "parent__name", "expected_text", "expected_date", "mention_count",
    "last_mentioned_on", "last_update_on", "last_mention_evidence", "lead_body_id",
)  # fmt: skip
EXPORT_CHUNK = 2_000


@dataclass(frozen=True)
class ExportRow:
    """One initiative as the CSV/XLSX export writes it."""

    values: tuple  # in EXPORT_FIELDS order
    lead_body: str  # its label, "" when none
    partners: list[tuple[str, str]]  # (partner label, role), by role then name
    outcomes: list[str]  # desired-outcome codes, sorted
    evidence: str = ""  # of the latest meeting's mention: quotation, report (confidence) ...


def initiatives_for_export(queryset: QuerySet[Initiative]) -> Iterator[ExportRow]:
    """The filtered, sorted initiatives with their partners and outcomes: two queries per
    EXPORT_CHUNK rows whatever the number of partners, and two for the names.

    Partners and desired outcomes number in the tens: they are read once and looked up by id
    rather than joined to every row.
    """
    names = {pk: (name, short or name) for pk, name, short in Partner.objects.values_list(
        "pk", "name", "short_name"
    )}  # fmt: skip
    codes = dict(DesiredOutcome.objects.values_list("pk", "code"))
    rows = queryset.values_list(*EXPORT_FIELDS)  # tuples: a dict per row costs more
    for start in range(0, 1 << 62, EXPORT_CHUNK):
        # One row more than the chunk tells whether another chunk follows, without a query.
        chunk = list(rows[start : start + EXPORT_CHUNK + 1])
        more = len(chunk) > EXPORT_CHUNK
        chunk = chunk[:EXPORT_CHUNK]
        roles, outcomes = _roles_and_outcomes([row[0] for row in chunk])
        for row in chunk:
            pk, lead_body_id = row[0], row[-1]
            # By role, then by the partner's full name, as the initiative page lists them.
            ordered = sorted((role, *names[partner_id]) for role, partner_id in roles[pk])
            yield ExportRow(
                values=row,
                lead_body=names[lead_body_id][1] if lead_body_id else "",
                partners=[(label, role) for role, _, label in ordered],
                outcomes=sorted(codes[outcome_id] for outcome_id in outcomes[pk]),
                evidence=row[-2],  # last_mention_evidence
            )
        if not more:
            return


def _roles_and_outcomes(ids: list[int]) -> tuple[dict, dict]:
    """initiative id -> [(role, partner id)], and -> [desired outcome id], in one query.

    The ids go as one array parameter (tracker.lookups): running the list's filter again costs
    more. Outcome rows carry an empty role, which no partner row has.
    """
    partner_rows = (
        InitiativePartner.objects.filter(initiative_id__any_of=ids)
        .order_by()
        .values_list("initiative_id", "role", "partner_id")
    )
    outcome_rows = (
        Initiative.outcomes.through.objects.filter(initiative_id__any_of=ids)
        .annotate(role=Value(""))
        .order_by()
        .values_list("initiative_id", "role", "desiredoutcome_id")
    )
    roles: dict[int, list[tuple[str, int]]] = defaultdict(list)
    outcomes: dict[int, list[int]] = defaultdict(list)
    for initiative_id, role, other_id in partner_rows.union(outcome_rows, all=True):
        if role:
            roles[initiative_id].append((role, other_id))
        else:
            outcomes[initiative_id].append(other_id)
    return roles, outcomes


@dataclass(frozen=True)
class StatusCounts:
    rows: list[tuple[str, str, int]]  # (status, label, count), ladder order, then "none"
    stale: int  # open initiatives without a recent officer update (stale_q)


def status_counts(today: date | None = None) -> StatusCounts:
    """How many initiatives have each status, and how many are stale: one pass over the table."""
    counts = Initiative.objects.aggregate(
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in Status},
        none=Count("pk", filter=Q(status="")),
        stale=Count("pk", filter=stale_q(today)),
    )
    rows = [(s.value, s.label, counts[s.value]) for s in Status]
    rows.append(("none", engine.status_label(""), counts["none"]))
    return StatusCounts(rows=rows, stale=counts["stale"])


# ---------------------------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------------------------
def stale_initiatives(*, limit: int = 10, today: date | None = None) -> QuerySet[Initiative]:
    """Stale initiatives, those without any evidence first, then the longest silent."""
    return Initiative.objects.filter(stale_q(today)).order_by(
        F("last_evidence_on").asc(nulls_first=True), "name"
    )[:limit]


def expected_dates(
    *, today: date | None = None, limit: int = 10
) -> tuple[list[Initiative], list[Initiative]]:
    """(overdue, coming up): expected steps whose period has passed without them happening,
    and steps due within DUE_SOON_DAYS that have not happened yet; the first `limit` of each
    (the initiative list's Due filter has them all)."""
    today = today or timezone.localdate()
    return tuple(
        list(Initiative.objects.filter(q).order_by("expected_by", "name")[:limit])
        for q in (overdue_q(today), due_soon_q(today))
    )


def recent_updates(*, limit: int = 8, member_state: Partner | None = None) -> list[ProgressUpdate]:
    qs = ProgressUpdate.objects.filter(withdrawn_at__isnull=True)
    if member_state is not None:
        qs = qs.filter(member_state=member_state)
    return list(
        qs.select_related("initiative", "author", "member_state").order_by("-date", "-created_at")[
            :limit
        ]
    )
