from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "implementation"
    verbose_name = "Member-state implementation"

    def ready(self):
        # Plug the reminder into the outbox by registration: notifications/ knows no app above it.
        from notifications import outbox

        from .reminders import OUTBOX_TOPIC

        outbox.HANDLERS.setdefault(
            OUTBOX_TOPIC, "implementation.reminders.deliver_implementation_reminder"
        )
        # The demo's implementation records, loaded after the initiatives (manage.py load_demo).
        from initiatives.demo import register_step

        register_step("implementation.demo.load_demo_implementation")
        # Its synthetic records in the benchmark's dataset (manage.py benchmark).
        from initiatives import benchmark

        benchmark.register_step("implementation.benchmark.add_benchmark_records")
        # Which initiatives of the reference record states carry out at home (load_reference).
        from initiatives import reference

        reference.register_step("implementation.reference.mark_reported_scope")
