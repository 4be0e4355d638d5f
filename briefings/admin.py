from django.contrib import admin

from .models import BriefingBuild, BriefingFile


class BriefingFileInline(admin.TabularInline):
    model = BriefingFile
    fields = ("kind", "filename", "size", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BriefingBuild)
class BriefingBuildAdmin(admin.ModelAdmin):
    """Builds are made from the pack page; the admin lists them and may delete one."""

    list_display = ("meeting", "created_at", "created_by", "state")
    list_filter = ("state", "meeting")
    readonly_fields = (
        "meeting", "created_by", "created_at", "finished_at", "filters", "state", "progress",
        "message",
    )  # fmt: skip
    exclude = ("content",)
    inlines = [BriefingFileInline]

    def has_add_permission(self, request) -> bool:
        return False
