from initiatives.demo.loader import load_demo
from tracker.commands import TrackerCommand


class Command(TrackerCommand):
    help = "Load the demo dataset (partners, ADGMIN 1-4, initiatives, the 3rd ADGMIN statement)."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(self.style.SUCCESS(str(report)))
