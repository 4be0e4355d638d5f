from initiatives.demo.examples import examples_remove
from tracker.commands import TrackerCommand


class Command(TrackerCommand):
    help = "Delete the demo's example activity (progress updates and country notes it marked)."

    def handle(self, *args, **options):
        count = examples_remove()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Removed {count} example entries."))
        else:
            self.stdout.write("No example entries: nothing to remove.")
