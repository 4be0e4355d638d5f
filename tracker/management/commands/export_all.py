"""python manage.py export_all FILE: the whole dataset, history included, in one file."""

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError, export_to


class Command(BaseCommand):
    help = (
        "Write every record of the tracker, with its history, users, groups and profiles, to "
        "FILE (JSON; gzip-compressed when FILE ends in .gz). import_all restores it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. backup.json.gz")

    def handle(self, *args, file: str, **options):
        try:
            counts = export_to(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {total} rows of {len(counts)} tables to {file}.")
        )
