from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("partners/", include("partners.urls")),
    path("api/", include("tracker.api_urls")),
    path("", include("initiatives.urls")),
]
