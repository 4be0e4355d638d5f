"""python manage.py import_all FILE: restore an export_all backup into an empty database."""

from tracker.backup import restore
from tracker.management.backup_command import BackupCommand


class Command(BackupCommand):
    help = (
        "Restore a backup written by export_all into a freshly migrated, empty database, in one "
        "transaction. A database that already holds records is refused and left untouched."
    )
    file_help = "A backup written by export_all"
    done = "Restored {total} rows of {tables} tables from {file}."

    def run(self, file: str) -> dict[str, int]:
        return restore(file)
