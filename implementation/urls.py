"""Mounted at the site root by tracker/urls.py. The scorecard lives under /partners/ for its
address, but is served from here, so that partners/ never imports implementation/."""

from django.urls import path

from . import views

app_name = "implementation"

# One state's record on one initiative, and what the secretariat does with it.
RECORD = "implementation/<slug:initiative_slug>/<slug:state_slug>/"

urlpatterns = [
    path("implementation/", views.grid, name="grid"),
    path("implementation/export.<str:fmt>", views.grid_export, name="export"),
    path("implementation/scope/", views.scope_set, name="scope"),
    path("implementation/records.<str:fmt>", views.records_export, name="records_export"),
    path("implementation/upload/", views.records_upload, name="upload"),
    path(RECORD, views.record, name="record"),
    path(f"{RECORD}verify/", views.record_verify, name="verify"),
    path(f"{RECORD}query/", views.record_query, name="query"),
    path("partners/<slug:slug>/implementation/", views.scorecard, name="scorecard"),
]
