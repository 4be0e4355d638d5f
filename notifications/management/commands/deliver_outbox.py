from notifications import outbox
from tracker.commands import TrackerCommand


class Command(TrackerCommand):
    help = (
        "Deliver the notifications still waiting in the outbox (for instance those saved while "
        "the Celery broker was down). Safe to run at any time: each message goes out once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, limit: int, **options):
        delivered, failed = outbox.deliver_pending(limit=limit)
        self.stdout.write(f"Delivered {delivered} pending notification(s); {failed} failed.")
        if failed:
            self.stderr.write("Failed messages keep their error in the admin (Outbox messages).")
