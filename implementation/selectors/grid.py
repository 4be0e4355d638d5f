"""The grid: initiatives (rows) by member states (columns), each cell a state's record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from initiatives.models import Initiative
from partners.models import Partner

from ..choices import STAGE_SHORT, VERIFICATION_MARK, Stage, Verification
from ..models import ImplementationRecord, is_member_on, record_url
from .common import member_states, records_on


@dataclass
class Cell:
    state: Partner
    record: ImplementationRecord | None
    is_member: bool
    can_write: bool = False
    initiative_slug: str = ""

    @property
    def stage(self) -> str:
        return self.record.stage if self.record else ""

    @property
    def text(self) -> str:
        """What the cell says, in words (the export writes the same)."""
        if not self.is_member:
            return "Not yet a member"
        if self.record is None:
            return "No report"
        stage = Stage(self.record.stage).label
        return f"{stage} ({Verification(self.record.verification).label.lower()})"

    @property
    def short(self) -> str:
        if not self.is_member:
            return "Not yet a member"
        return STAGE_SHORT[Stage(self.record.stage)] if self.record else "—"

    @property
    def mark(self) -> str:
        return VERIFICATION_MARK[Verification(self.record.verification)] if self.record else ""

    @property
    def verification_label(self) -> str:
        return Verification(self.record.verification).label if self.record else ""

    @property
    def url(self) -> str:
        return record_url(self.initiative_slug, self.state.slug)


@dataclass
class GridRow:
    initiative: Initiative
    cells: list[Cell]

    @property
    def implemented(self) -> int:
        return sum(1 for c in self.cells if c.stage == Stage.IMPLEMENTED)

    @property
    def members(self) -> int:
        return sum(1 for c in self.cells if c.is_member)


@dataclass
class Grid:
    states: list[Partner]
    rows: list[GridRow]
    on: date


def grid(initiatives: list[Initiative], *, user=None, on: date | None = None) -> Grid:
    """Initiatives (rows) by member states (columns): two queries whatever the page size."""
    from tracker import permissions

    day = on or timezone.localdate()
    states = member_states()
    own = permissions.note_state_of(user) if user is not None else None
    if own is not None:
        # A focal point's own state comes first: their column without a sideways scroll.
        states.sort(key=lambda s: s.pk != own.pk)
    ids = [i.pk for i in initiatives]
    by_key = {
        (r.initiative_id, r.member_state_id): r
        for r in records_on(on).filter(initiative_id__in=ids)
    }
    writable = {s.pk for s in states if user and permissions.can_write_implementation(user, s)}
    member = {s.pk: is_member_on(s, day) for s in states}
    rows = []
    for initiative in initiatives:
        cells = [
            Cell(
                state=state,
                record=by_key.get((initiative.pk, state.pk)),
                is_member=member[state.pk],
                can_write=state.pk in writable and on is None,
                initiative_slug=initiative.slug,
            )
            for state in states
        ]
        rows.append(GridRow(initiative, cells))
    return Grid(states, rows, day)
