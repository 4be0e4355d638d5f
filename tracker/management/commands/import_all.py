"""python manage.py import_all FILE: restore an export_all backup into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by export_all into a freshly migrated, empty database, in one "
        "transaction. A database that already holds records is refused and left untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by export_all")

    def handle(self, *args, file: str, **options):
        try:
            counts = restore(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {total} rows of {len(counts)} tables from {file}.")
        )
