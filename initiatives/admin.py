from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tracker import roles

from .models import (
    DesiredOutcome,
    ImportJob,
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    SearchSynonym,
    Statement,
    StatusRule,
    Topic,
)


class StatementInline(admin.TabularInline):
    model = Statement
    fields = ["kind", "title", "source_url", "checksum"]
    readonly_fields = ["checksum"]
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "series", "number", "start_date", "end_date", "venue", "is_planned"]
    list_filter = ["series", "is_planned", "host"]
    search_fields = ["title", "series", "venue", "theme", "declaration", "chair_name"]
    prepopulated_fields = {"slug": ["series", "number"]}
    autocomplete_fields = ["host", "chair_country", "vice_chair_country"]
    date_hierarchy = "start_date"
    inlines = [StatementInline]


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ["number", "section", "text"]
    extra = 0
    show_change_link = True


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "kind", "issued_on", "source_format", "created_at"]
    list_filter = ["kind", "source_format", "meeting__series"]
    search_fields = ["title", "text", "source_url", "meeting__title"]
    readonly_fields = ["checksum", "imported_by", "created_at", "updated_at"]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]
    inlines = [ParagraphInline]


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ["initiative", "phrase", "status", "expected_text", "is_confirmed"]
    autocomplete_fields = ["initiative"]
    extra = 0


@admin.register(Paragraph)
class ParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "number", "section"]
    list_filter = ["statement__meeting"]
    search_fields = ["text", "section"]
    list_select_related = ["statement__meeting"]
    inlines = [MentionInline]


class InitiativePartnerInline(admin.TabularInline):
    model = InitiativePartner
    autocomplete_fields = ["partner"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "status", "period", "lead_body", "owner"]
    list_filter = ["status", "kind", "outcomes", "lead_body"]
    search_fields = ["name", "acronym", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_body", "parent", "owner", "work_plan_partner"]
    filter_horizontal = ["outcomes"]
    list_select_related = ["lead_body", "owner"]
    readonly_fields = ["version", "status", "status_changed_on", "created_at", "updated_at"]
    inlines = [InitiativePartnerInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The owner rule of the form, the API and the spreadsheet exchange (tracker.roles).
        if db_field.name == "owner":
            kwargs["queryset"] = roles.initiative_owner_candidates()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "meeting", "paragraph", "phrase", "status", "is_confirmed"]
    list_filter = ["status", "is_confirmed", "meeting"]
    search_fields = ["initiative__name", "initiative__acronym", "phrase", "matched_text"]
    autocomplete_fields = ["initiative", "meeting"]
    raw_id_fields = ["paragraph"]
    list_select_related = ["initiative", "meeting", "paragraph"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "date", "status", "percent_complete", "member_state", "author"]
    list_filter = ["status", "member_state"]
    search_fields = ["initiative__name", "summary"]
    autocomplete_fields = ["initiative", "member_state", "author"]
    date_hierarchy = "date"
    list_select_related = ["initiative", "member_state", "author"]


@admin.register(DesiredOutcome)
class DesiredOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "masterplan"]
    list_filter = ["masterplan"]
    search_fields = ["code", "title"]


@admin.register(StatusRule)
class StatusRuleAdmin(SimpleHistoryAdmin):
    list_display = ["pattern", "match_kind", "status", "priority", "enabled"]
    list_editable = ["status", "priority", "enabled"]
    list_filter = ["status", "match_kind", "enabled"]
    search_fields = ["pattern", "note"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "progress", "created_by", "created_at"]
    list_filter = ["state"]
    readonly_fields = ["content", "proposal", "statement", "created_at", "updated_at"]
    exclude = []


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["initiatives"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "equivalents"]
    search_fields = ["term", "equivalents"]
