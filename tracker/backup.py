"""A full backup of the tracker: every row of every table, history included, in one JSON file.

`export_all` writes it and `import_all` restores it into an empty database (freshly migrated),
losslessly: primary keys, timestamps to the microsecond, password hashes, tokens and every
Historical* row come back as they were, so exporting the restored database gives the same file.

The file is JSON: a header line, then one object per line in a fixed order (models in the order
the apps define them, rows by primary key, many-to-many ids sorted), so that two backups of the
same data are byte for byte identical and two different ones diff line by line.

Content types and permissions are created by `migrate` with ids of their own, so rows refer to
them by natural key (app label and model, permission codename). Everything else keeps its ids.
Rows that migrations themselves create (the role groups, the importer's first status rules) are
replaced by the backup's. Sessions and login-throttling records are not data and stay out.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "adgmin-tracker-backup"
VERSION = 1
# Not data: recreated by migrate (content types, permissions) or short-lived (sessions, axes).
EXCLUDED_APPS = frozenset({"contenttypes", "sessions", "axes"})
EXCLUDED_MODELS = frozenset({"auth.permission"})
# Tables that data migrations fill: a freshly migrated database has these rows, and a restore
# replaces them with the backup's. A test checks that nothing else is filled by migrate.
SEEDED_BY_MIGRATIONS = (
    "auth.group",
    "initiatives.statusrule",
    "initiatives.topic",
    "initiatives.searchsynonym",
)


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why, for the operator."""


def backed_up_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label_lower not in EXCLUDED_MODELS
    ]


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class _Encoder(json.JSONEncoder):
    """Like Django's encoder, but keeping microseconds (Django's rounds them to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime, date, time)):
            return o.isoformat()
        if isinstance(o, (Decimal, UUID)):
            return str(o)
        if isinstance(o, (bytes, memoryview)):
            raise TypeError("binary values are serialised as base64 text by the field")
        return super().default(o)


def _natural_key_fields(model) -> tuple[dict[str, type], dict[str, type]]:
    """Foreign keys and many-to-many fields of `model` that point at content types/permissions."""
    targets = (ContentType, Permission)
    fks = {
        f.name: f.related_model
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model in targets
    }
    m2ms = {f.name: f.related_model for f in model._meta.many_to_many if f.related_model in targets}
    return fks, m2ms


def _natural_keys() -> dict[type, dict[int, list]]:
    return {
        ContentType: {ct.pk: list(ct.natural_key()) for ct in ContentType.objects.all()},
        Permission: {
            p.pk: list(p.natural_key()) for p in Permission.objects.select_related("content_type")
        },
    }


def _rows(model) -> Iterator[dict]:
    keys = _natural_keys()
    fks, m2ms = _natural_key_fields(model)
    queryset = model._default_manager.order_by("pk")
    for row in serializers.serialize("python", queryset.iterator(chunk_size=2000)):
        fields = row["fields"]
        for name, target in fks.items():
            if fields.get(name) is not None:
                fields[name] = keys[target][fields[name]]
        for name in model._meta.many_to_many:
            if name.name in fields:
                values = fields[name.name]
                if name.name in m2ms:
                    values = sorted(keys[m2ms[name.name]][pk] for pk in values)
                else:
                    values = sorted(values)
                fields[name.name] = values
        yield row


def write_backup(out: io.TextIOBase) -> dict[str, int]:
    """Write every row to `out`; returns the number of rows per model."""
    counts: dict[str, int] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table: rows written meanwhile cannot half-appear.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        header = {"format": FORMAT, "version": VERSION, "migrations": applied_migrations()}
        out.write(json.dumps(header, sort_keys=True) + "\n")
        for model in backed_up_models():
            label = model._meta.label_lower
            counts[label] = 0
            for row in _rows(model):
                out.write(json.dumps(row, sort_keys=True, ensure_ascii=False, cls=_Encoder))
                out.write("\n")
                counts[label] += 1
    return counts


def _open_private(path: str) -> int:
    """A file descriptor for writing `path`, readable by its owner only (0600).

    The backup holds password hashes and API tokens. The mode is given at creation, so the data
    is never readable by others even for a moment, and set again for a file that already existed
    (O_CREAT's mode applies only to new files)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd


def export_to(path: str) -> dict[str, int]:
    """Write a backup to a file (gzip-compressed when the name ends in .gz), mode 0600."""
    if path.endswith(".gz"):
        buffer = io.StringIO()
        counts = write_backup(buffer)
        # No time and no name in the gzip header: the same data gives the same bytes.
        with (
            os.fdopen(_open_private(path), "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
        ):
            handle.write(buffer.getvalue().encode("utf-8"))
        return counts
    with os.fdopen(_open_private(path), "w", encoding="utf-8", newline="\n") as handle:
        return write_backup(handle)


# ------------------------------------------------------------------------------
# Restoring
# ------------------------------------------------------------------------------
def read_backup(path: str) -> tuple[dict, list[dict]]:
    try:
        raw = Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        lines = raw.decode("utf-8").splitlines()
        header = json.loads(lines[0]) if lines else {}
        rows = [json.loads(line) for line in lines[1:] if line.strip()]
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} cannot be read as a tracker backup: {error}.") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a tracker backup (made by export_all).")
    if header.get("version") != VERSION:
        raise BackupError(f"{path} is a backup of version {header.get('version')}; need {VERSION}.")
    return header, rows


def occupied_tables() -> dict[str, int]:
    """Rows in the database beyond what migrations create: a restore needs an empty database."""
    seeded = set(SEEDED_BY_MIGRATIONS)
    found = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        if label in seeded:
            continue
        count = model._default_manager.count()
        if count:
            found[label] = count
    return found


def _resolve_natural_keys(rows: Iterable[dict]) -> Iterator[dict]:
    by_key = {
        ContentType: {tuple(ct.natural_key()): ct.pk for ct in ContentType.objects.all()},
        Permission: {
            tuple(p.natural_key()): p.pk for p in Permission.objects.select_related("content_type")
        },
    }
    for row in rows:
        model = apps.get_model(row["model"])
        fks, m2ms = _natural_key_fields(model)
        fields = row["fields"]
        try:
            for name, target in fks.items():
                if fields.get(name) is not None:
                    fields[name] = by_key[target][tuple(fields[name])]
            for name, target in m2ms.items():
                fields[name] = [by_key[target][tuple(v)] for v in fields.get(name, [])]
        except KeyError as error:
            raise BackupError(
                f"The backup refers to {error.args[0]}, which this installation does not have."
            ) from error
        yield row


def _clear_seeded_tables() -> None:
    """Empty the tables migrations filled, in SQL: an ORM delete would write history rows."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label in SEEDED_BY_MIGRATIONS:
            model = apps.get_model(label)
            for m2m in model._meta.many_to_many:
                if m2m.remote_field.through._meta.auto_created:
                    cursor.execute(f"DELETE FROM {quote(m2m.remote_field.through._meta.db_table)}")
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


def restore(path: str) -> dict[str, int]:
    """Load a backup into an empty database in one transaction; returns rows per model."""
    header, rows = read_backup(path)
    here = applied_migrations()
    if header["migrations"] != here:
        apps_differ = sorted(
            app
            for app in set(here) | set(header["migrations"])
            if here.get(app) != header["migrations"].get(app)
        )
        raise BackupError(
            "The backup was taken at another version of the database schema (apps: "
            f"{', '.join(apps_differ)}). Restore it with the version of the tracker that made "
            "it, or migrate this database to the same migrations first."
        )
    occupied = occupied_tables()
    if occupied:
        listing = ", ".join(f"{n} {label}" for label, n in sorted(occupied.items()))
        raise BackupError(
            "The database is not empty, so nothing was imported: import_all restores into a "
            f"freshly migrated database only. It holds: {listing}."
        )
    counts: dict[str, int] = {}
    with transaction.atomic():
        _clear_seeded_tables()
        touched = set()
        with connection.constraint_checks_disabled():
            for item in serializers.deserialize("python", _resolve_natural_keys(rows)):
                item.save()
                model = type(item.object)
                touched.add(model)
                counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + 1
        # Every reference must point at a row that exists, as if the rows had come in order.
        connection.check_constraints(table_names=[m._meta.db_table for m in touched])
        statements = connection.ops.sequence_reset_sql(no_style(), list(touched))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return counts
