from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatives and meetings"

    def ready(self):
        # notifications/ sits below this app: it learns of our notices by registration.
        from notifications.models import OutboxMessage
        from notifications.registry import register_handler, register_scheduled
        from tracker import lookups  # noqa: F401  (registers __any_of)

        from . import signals  # noqa: F401  (connects the receivers)

        reminders = "initiatives.reminders."
        register_handler(
            OutboxMessage.Topic.PROGRESS_RECORDED, reminders + "deliver_progress_notice"
        )
        register_handler(
            OutboxMessage.Topic.STATEMENT_CONFIRMED, reminders + "deliver_statement_digest"
        )
        register_scheduled("stale", reminders + "send_stale_reminders")
        register_scheduled("meeting", reminders + "send_meeting_reminders")

        # partners/ sits below this app too: its pages learn of initiatives by registration.
        from partners import pages

        pages.register_list_queryset("initiatives.selectors.partners.partner_list")
        pages.register_detail_context("initiatives.selectors.partners.partner_page_context")
