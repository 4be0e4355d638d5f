"""Reading django-simple-history: who changed a record, when, before and after; edit conflicts.

Every tracking model keeps a history table. This module turns it into readable entries for the
history pages and into the explanation shown when a save is refused because somebody else saved
the same record first; `save_by` names who saved, for the row it writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import is_aware, localtime

HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping columns nobody edits by hand.
IGNORED_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str  # created / changed / deleted
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)


class ConcurrentEditError(Exception):
    """The record changed after the editor opened it; their save would overwrite someone else's.

    `changes` says what the other person changed (before = what the editor saw, after = what is
    saved now); `changed_by` and `changed_at` say who and when.
    """

    def __init__(
        self,
        *,
        record: models.Model,
        changes: Sequence[FieldChange],
        changed_by: Sequence[str],
        changed_at: datetime | None,
        seen=None,
    ):
        self.record = record
        self.seen = seen  # the historical row the editor started from, when known
        self.changes = list(changes)
        self.changed_by = list(changed_by)
        self.changed_at = changed_at
        who = ", ".join(self.changed_by) or "someone else"
        super().__init__(f"{record} was changed by {who} after you opened it.")


def save_by(record: models.Model, user, **save_options) -> None:
    """Save the record with `user` as the author of the history row the save writes."""
    record._history_user = user  # what django-simple-history reads
    record.save(**save_options)


def user_label(user) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


def _concrete_fields(model) -> dict[str, models.Field]:
    return {
        f.name: f
        for f in model._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and not f.name.startswith("history_")
    }


def _name(obj) -> str:
    """A related row as people know it: a user by their full name, anything else by str()."""
    return user_label(obj) if hasattr(obj, "get_username") else str(obj)


class _Labeller:
    """Readable values of a model's fields, naming related rows with one query per model."""

    def __init__(self, model, rows: Iterable, names: Iterable[str]):
        self.fields = _concrete_fields(model)
        wanted = [n for n in names if n in self.fields]
        ids: dict[type, set] = defaultdict(set)
        for row in rows:
            for name in wanted:
                f = self.fields[name]
                if f.is_relation:
                    value = getattr(row, f.attname, None)
                    if value is not None:
                        ids[f.related_model].add(value)
        self.related = {
            related: {obj.pk: _name(obj) for obj in related._default_manager.filter(pk__in=pks)}
            for related, pks in ids.items()
        }

    def label(self, name: str) -> str:
        f = self.fields.get(name)
        return str(f.verbose_name).capitalize() if f is not None else name

    def show(self, name: str, value) -> str:
        if value in (None, ""):
            return "—"
        f = self.fields.get(name)
        if f is None:
            return str(value)
        if f.is_relation:
            return self.related.get(f.related_model, {}).get(value, f"#{value}")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime):
            # In the site's zone, named, as the pages write times.
            return date_format(localtime(value) if is_aware(value) else value, "j M Y, H:i T")
        if isinstance(value, date):
            return date_format(value, "j M Y")
        return str(value)


def _value(row, f: models.Field):
    return getattr(row, f.attname, None)


def diff_rows(model, older, newer, names: Iterable[str] | None = None) -> list[FieldChange]:
    """The fields whose value differs between two rows (records or historical records)."""
    fields = _concrete_fields(model)
    names = [n for n in (names or fields) if n in fields]
    labeller = _Labeller(model, [older, newer], names)
    changes = []
    for name in names:
        before, after = _value(older, fields[name]), _value(newer, fields[name])
        if before != after and not (before in (None, "") and after in (None, "")):
            changes.append(
                FieldChange(
                    field=name,
                    label=labeller.label(name),
                    before=labeller.show(name, before),
                    after=labeller.show(name, after),
                )
            )
    return changes


def record_history(record: models.Model, *, limit: int = 100) -> list[HistoryEntry]:
    """Newest first: who created or changed the record, when, and each field before and after."""
    model = type(record)
    records = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    labeller = _Labeller(model, records, _concrete_fields(model))
    fields = labeller.fields
    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        entry = HistoryEntry(
            when=newer.history_date,
            who=user_label(newer.history_user),
            kind=HISTORY_KINDS.get(newer.history_type, newer.history_type),
            reason=newer.history_change_reason or "",
        )
        if older is not None:
            for name, f in fields.items():
                before, after = _value(older, f), _value(newer, f)
                if before != after and not (before in (None, "") and after in (None, "")):
                    entry.changes.append(
                        FieldChange(
                            name,
                            labeller.label(name),
                            labeller.show(name, before),
                            labeller.show(name, after),
                        )
                    )
            if newer.history_type == "~" and not entry.changes:
                continue  # a save that changed only bookkeeping columns
        entries.append(entry)
    return entries


def latest_history_id(record: models.Model) -> int | None:
    """The id of the record's newest history row: a marker of the state an editor has seen."""
    return record.history.order_by("-history_id").values_list("history_id", flat=True).first()


def changes_since(
    record: models.Model, seen_history_id: int | None, names: Iterable[str]
) -> ConcurrentEditError:
    """The error to raise when `record` moved on from the state recorded as `seen_history_id`."""
    newer = record.history.select_related("history_user").order_by("history_id")
    seen = None
    if seen_history_id:
        seen = record.history.filter(history_id=seen_history_id).first()
        newer = newer.filter(history_id__gt=seen_history_id)
    later = list(newer)
    authors = []
    for row in later:
        label = user_label(row.history_user)
        if label not in authors:
            authors.append(label)
    changes = diff_rows(type(record), seen, record, names) if seen is not None else []
    return ConcurrentEditError(
        record=record,
        changes=changes,
        changed_by=authors,
        changed_at=later[-1].history_date if later else None,
        seen=seen,
    )


def history_id_at_version(record: models.Model, version: int | None) -> int | None:
    """The newest history row of `record` saved at `version`: the state an API client that sent
    that version had read (None when the history does not go back that far)."""
    if not version:
        return None
    rows = record.history.filter(version=version).order_by("-history_id")
    return rows.values_list("history_id", flat=True).first()


def ensure_unchanged_since(
    record: models.Model, seen_history_id: int | None, names: Iterable[str]
) -> None:
    """Refuse a save when the (locked) record has history newer than what the editor saw.

    For models without a version column. Call it on a row fetched with select_for_update() in
    the saving transaction, so that two saves cannot both pass the check.
    """
    if seen_history_id is None:
        return
    latest = latest_history_id(record)
    if latest is not None and latest != seen_history_id:
        raise changes_since(record, seen_history_id, names)
