from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("meetings/<slug:slug>/briefing/", views.pack_page, name="pack"),
    path("meetings/<slug:slug>/briefing/print/", views.print_page, name="print"),
    path("meetings/<slug:slug>/briefing/builds/", views.build_start, name="build_start"),
    path("meetings/<slug:slug>/briefing/builds/<uuid:pk>/", views.build_detail, name="build"),
    path(
        "meetings/<slug:slug>/briefing/builds/<uuid:pk>/progress/",
        views.build_progress,
        name="build_progress",
    ),
    path(
        "meetings/<slug:slug>/briefing/builds/<uuid:pk>/<slug:kind>/",
        views.download,
        name="download",
    ),
]
