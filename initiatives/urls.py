from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.home, name="home"),
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
]
