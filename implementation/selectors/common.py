"""What the reads of member-state implementation share: the tracked initiatives, the member
states, records at a date, capped lists and shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, Meeting
from partners.models import Partner

from ..choices import Stage
from ..models import ImplementationRecord, NationalScope

LIST_LIMIT = 50  # longest list a scorecard or dashboard shows; the spreadsheet has every row
SIDE_LIMIT = 20  # the shorter lists beside it: queried, not yet verified, changed


def member_states() -> list[Partner]:
    return list(Partner.objects.member_states().order_by("name"))


def tracked() -> QuerySet[Initiative]:
    """Initiatives marked as implemented nationally."""
    return Initiative.objects.filter(national_scope__implemented_nationally=True)


def untracked() -> QuerySet[Initiative]:
    """Initiatives whose records do not count: never marked, or marked off. Written as NOT
    EXISTS (an anti-join PostgreSQL plans as one; the left join of exclude() it does not)."""
    scope = NationalScope.objects.filter(initiative=OuterRef("pk"), implemented_nationally=True)
    return Initiative.objects.exclude(Exists(scope))


def untracked_ids() -> QuerySet:
    """Ids of the untracked initiatives. Few rows have records among them, so counting over all
    records and taking theirs away reads an index where filtering every record by its
    initiative's scope would join each one."""
    return untracked().values("pk")


def tracked_initiatives() -> QuerySet[Initiative]:
    """The initiative list's rows that are tracked, with how many states have implemented."""
    implemented = (
        ImplementationRecord.objects.filter(initiative=OuterRef("pk"), stage=Stage.IMPLEMENTED)
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        initiative_selectors.initiative_list()
        .filter(national_scope__implemented_nationally=True)
        .annotate(
            implemented_count=Coalesce(Subquery(implemented, output_field=IntegerField()), Value(0))
        )
    )


def without_record(state: Partner) -> QuerySet[Initiative]:
    return tracked().exclude(
        Exists(ImplementationRecord.objects.filter(initiative=OuterRef("pk"), member_state=state))
    )


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def records_on(day: date | None = None):
    """Records as they stand now, or as they stood at the end of `day` (from their history)."""
    if day is None or day >= timezone.localdate():
        return ImplementationRecord.objects.all()
    return ImplementationRecord.history.as_of(end_of(day))


def last_held_meeting(today: date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(is_planned=False, start_date__lte=today)
        .order_by("-start_date", "-number")
        .first()
    )


@dataclass
class Capped:
    """The first items of a list (LIST_LIMIT or fewer), and how many there are in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0


def capped(queryset, total: int | None = None, *, limit: int = LIST_LIMIT) -> Capped:
    items = list(queryset[: limit + 1])
    if total is None:
        total = len(items) if len(items) <= limit else queryset.count()
    return Capped(items[:limit], total)


SHARE_COUNTS = {
    "applicable": Count("pk", filter=~Q(stage=Stage.NOT_APPLICABLE)),
    "done": Count("pk", filter=Q(stage=Stage.IMPLEMENTED)),
}


def percent(counts: dict) -> int | None:
    return round(100 * counts["done"] / counts["applicable"]) if counts["applicable"] else None
