from django.urls import path

from .views import browse

app_name = "initiatives"

urlpatterns = [
    path("", browse.home, name="home"),
    path("initiatives/", browse.initiative_list, name="list"),
    path("initiatives/<slug:slug>/", browse.initiative_detail, name="detail"),
    path("meetings/", browse.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", browse.meeting_detail, name="meeting_detail"),
]
