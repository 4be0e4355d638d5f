from django.contrib import admin

from .models import OutboxMessage, ReminderLog


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["pk", "topic", "created_at", "delivered_at", "attempts"]
    list_filter = ["topic", ("delivered_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["topic", "payload", "created_at", "delivered_at", "attempts", "last_error"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "period", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "period"]
    list_select_related = ["user"]
