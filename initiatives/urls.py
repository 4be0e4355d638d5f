from django.urls import path

from tracker.record_views import record_paths

from . import feeds
from .views import before, browse, exchange, help, imports, records, search

app_name = "initiatives"

urlpatterns = [
    path("", browse.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("help/", help.help_page, name="help"),
    path("initiatives/", browse.initiative_list, name="list"),
    # Fixed paths come before the <slug> route, which would otherwise swallow them.
    path("initiatives/matrix/", browse.initiative_matrix, name="matrix"),
    path(
        "initiatives/export.<str:fmt>",
        browse.initiative_export,
        name="export",
    ),
    *record_paths(
        "initiatives/",
        (records.initiative_create, records.initiative_edit, records.initiative_history),
    ),
    path("initiatives/bulk-status/", records.bulk_status, name="bulk_status"),
    path("initiatives/<slug:slug>/", browse.initiative_detail, name="detail"),
    path("initiatives/<slug:slug>/progress/new/", records.progress_create, name="progress_create"),
    path("initiatives/<slug:slug>/notes/new/", records.note_create, name="note_create"),
    path("progress/<int:pk>/edit/", records.update_edit, name="update_edit"),
    path("progress/<int:pk>/withdraw/", records.update_withdraw, name="update_withdraw"),
    path("progress/<int:pk>/history/", records.update_history, name="update_history"),
    path("as-of/", records.as_of, name="as_of"),
    path("meetings/", browse.meeting_list, name="meeting_list"),
    *record_paths(
        "meetings/",
        (records.meeting_create, records.meeting_edit, records.meeting_history),
        name="meeting_",
    ),
    path("meetings/<slug:slug>/", browse.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/before/", before.meeting_before, name="meeting_before"),
    path(
        "meetings/<slug:slug>/changes/<slug:kind>/",
        browse.meeting_changes,
        name="meeting_changes",
    ),
    path("imports/", imports.import_start, name="import_start"),
    path("imports/<uuid:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<uuid:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<uuid:pk>/review/", imports.import_review, name="import_review"),
    path("imports/<uuid:pk>/discard/", imports.import_discard, name="import_discard"),
    # Data exchange: spreadsheets (officers), API token and feeds (every signed-in user).
    path("exchange/", exchange.exchange_home, name="exchange"),
    path("exchange/export/<str:name>.<str:fmt>", exchange.exchange_export, name="exchange_export"),
    path("exchange/import/", exchange.exchange_import, name="exchange_import"),
    path("exchange/import/confirm/", exchange.exchange_confirm, name="exchange_confirm"),
    path("exchange/import/cancel/", exchange.exchange_cancel, name="exchange_cancel"),
    path("exchange/api/", exchange.api_access, name="api_access"),
    path("feeds/status-changes.atom", feeds.status_feed, name="feed_status"),
    path("feeds/meetings.ics", feeds.meetings_ical, name="feed_meetings"),
]
