from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partner, UserProfile


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "member_since"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases", "country_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(UserProfile)
class UserProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "member_state", "remind_stale", "remind_meeting", "digest_imports"]
    list_filter = ["member_state"]
    search_fields = ["user__username", "user__email", "member_state__name"]
    autocomplete_fields = ["user", "member_state"]
    list_select_related = ["user", "member_state"]
