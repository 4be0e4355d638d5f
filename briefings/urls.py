from django.urls import path

from . import views

app_name = "briefings"

# A meeting's pack, and one build of it with its files.
PACK = "meetings/<slug:slug>/briefing/"
BUILD = f"{PACK}builds/<uuid:pk>/"

urlpatterns = [
    path(PACK, views.pack_page, name="pack"),
    path(f"{PACK}print/", views.print_page, name="print"),
    path(f"{PACK}builds/", views.build_start, name="build_start"),
    path(BUILD, views.build_detail, name="build"),
    path(f"{BUILD}progress/", views.build_progress, name="build_progress"),
    path(f"{BUILD}<slug:kind>/", views.download, name="download"),
]
