from django.urls import path

from tracker.record_views import record_paths

from . import edit_views, views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    *record_paths(
        "", (edit_views.partner_create, edit_views.partner_edit, edit_views.partner_history)
    ),
    path("<slug:slug>/", views.partner_detail, name="detail"),
]
