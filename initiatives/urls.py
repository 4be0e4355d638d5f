from django.urls import path

from .views import browse

app_name = "initiatives"

urlpatterns = [
    path("", browse.home, name="home"),
    path("initiatives/", browse.initiative_list, name="list"),
    # Fixed paths come before the <slug> route, which would otherwise swallow them.
    path("initiatives/matrix/", browse.initiative_matrix, name="matrix"),
    path(
        "initiatives/export.<str:fmt>",
        browse.initiative_export,
        name="export",
    ),
    path("initiatives/<slug:slug>/", browse.initiative_detail, name="detail"),
    path("meetings/", browse.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", browse.meeting_detail, name="meeting_detail"),
]
