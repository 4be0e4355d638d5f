"""Mounted at the site root by tracker/urls.py. The scorecard lives under /partners/ for its
address, but is served from here, so that partners/ never imports implementation/."""

from django.urls import path

from . import views

app_name = "implementation"

urlpatterns = [
    path("implementation/", views.grid, name="grid"),
    path("implementation/export.<str:fmt>", views.grid_export, name="export"),
    path("implementation/scope/", views.scope_set, name="scope"),
    path("implementation/records.<str:fmt>", views.records_export, name="records_export"),
    path("implementation/upload/", views.records_upload, name="upload"),
    path(
        "implementation/<slug:initiative_slug>/<slug:state_slug>/",
        views.record,
        name="record",
    ),
    path(
        "implementation/<slug:initiative_slug>/<slug:state_slug>/verify/",
        views.record_verify,
        name="verify",
    ),
    path(
        "implementation/<slug:initiative_slug>/<slug:state_slug>/query/",
        views.record_query,
        name="query",
    ),
    path("partners/<slug:slug>/implementation/", views.scorecard, name="scorecard"),
]
