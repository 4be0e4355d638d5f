from django.urls import path

from . import edit_views, views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", edit_views.partner_create, name="create"),
    path("<slug:slug>/", views.partner_detail, name="detail"),
    path("<slug:slug>/edit/", edit_views.partner_edit, name="edit"),
    path("<slug:slug>/history/", edit_views.partner_history, name="history"),
]
