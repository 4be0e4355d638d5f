"""What export_all and import_all share: one FILE argument handed to one function of
tracker.backup, its refusals shown as command errors, and the rows it moved counted."""

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupError


class BackupCommand(BaseCommand):
    file_help = ""
    done = ""  # the closing line: {total} rows, {tables} tables, {file}

    def run(self, file: str) -> dict[str, int]:
        """Rows moved per table."""
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)

    def handle(self, *args, file: str, **options):
        try:
            counts = self.run(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(self.done.format(total=total, tables=len(counts), file=file))
        )
