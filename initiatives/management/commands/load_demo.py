from django.core.management.base import BaseCommand

from initiatives.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo dataset (partners, ADGMIN 1-4, initiatives, the 3rd ADGMIN statement)."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(self.style.SUCCESS(str(report)))
