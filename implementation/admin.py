from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ImplementationRecord, NationalScope


@admin.register(NationalScope)
class NationalScopeAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "implemented_nationally", "note"]
    list_filter = ["implemented_nationally"]
    search_fields = ["initiative__name", "initiative__acronym"]
    autocomplete_fields = ["initiative"]


@admin.register(ImplementationRecord)
class ImplementationRecordAdmin(SimpleHistoryAdmin):
    list_display = [
        "initiative",
        "member_state",
        "stage",
        "as_of",
        "verification",
        "verified_by",
        "is_example",
    ]
    list_filter = ["stage", "verification", "member_state", "is_example"]
    search_fields = ["initiative__name", "initiative__acronym", "member_state__name", "note"]
    autocomplete_fields = ["initiative", "member_state"]
    list_select_related = ["initiative", "member_state", "verified_by"]
    readonly_fields = ["version", "verified_at", "updated_by", "created_at", "updated_at"]
