from django.contrib import admin

from .models import OutboxMessage, ReminderLog


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Messages are written by the services; the admin inspects them and their errors."""

    list_display = ["pk", "topic", "created_at", "delivered_at", "attempts"]
    list_filter = ["topic", ("delivered_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["topic", "payload", "created_at", "delivered_at", "attempts", "last_error"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """What was sent to whom. Deleting an entry lets that reminder go out again."""

    list_display = ["user", "kind", "period", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "period"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
