from django.contrib import admin
from django.urls import include, path

from tracker import accounts

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("partners.accounts")),  # /users/ and /preferences/
    path("", include("implementation.urls")),
    path("partners/", include("partners.urls")),
    path("api/", include("tracker.api_urls")),
    path("", include("briefings.urls")),
    path("", include("initiatives.urls")),
]

# A lost database connection is a 503 that asks to retry; other errors keep the 500 page.
handler500 = "tracker.errors.server_error"
