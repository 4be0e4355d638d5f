"""python manage.py export_all FILE: the whole dataset, history included, in one file."""

from tracker.backup import export_to
from tracker.management.backup_command import BackupCommand


class Command(BackupCommand):
    help = (
        "Write every record of the tracker, with its history, users, groups and profiles, to "
        "FILE (JSON; gzip-compressed when FILE ends in .gz). import_all restores it."
    )
    file_help = "Where to write the backup, e.g. backup.json.gz"
    done = "Wrote {total} rows of {tables} tables to {file}."

    def run(self, file: str) -> dict[str, int]:
        return export_to(file)
