from pathlib import Path

from django.core.management.base import CommandError

from initiatives.reference import DEFAULT_PATH
from initiatives.reference.schema import ReferenceFileError, parse_reference
from initiatives.reference.services import reference_load
from tracker.commands import TrackerCommand


class Command(TrackerCommand):
    help = (
        "Load or refresh the reference record of the ADGMIN series (meetings, initiatives, "
        "partners, reported outcomes) from a YAML file of the reference format. Idempotent; "
        "a malformed file is refused with its line and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path: str, **options):
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            record = parse_reference(text)
        except ReferenceFileError as error:
            raise CommandError(f"{file}, {error}. Nothing was written.") from None
        report = reference_load(record=record)
        style = self.style.SUCCESS if report.changed else self.style.NOTICE
        self.stdout.write(style(str(report)))
