"""Trigram indexes for the initiative search box, on PostgreSQL only.

The list's text filter is `icontains` on name, acronym, aliases and description, which Django
writes as UPPER(column) LIKE '%WORD%': without these indexes every search reads the whole table.
SQLite (the development default) has no trigram indexes and keeps scanning, which is fine at
its sizes. pg_trgm ships with PostgreSQL (contrib); creating the extension needs a role allowed
to, as the database owner in docker-compose.yml and CI is.
"""

from django.db import migrations

COLUMNS = {
    "name": 'UPPER(("name")::text)',
    "acronym": 'UPPER(("acronym")::text)',
    "aliases": 'UPPER("aliases")',
    "description": 'UPPER("description")',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column, expression in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS initiative_{column}_trgm "
            f"ON initiatives_initiative USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS initiative_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_status_rules_for_later_statements")]

    operations = [migrations.RunPython(create, drop)]
