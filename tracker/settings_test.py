"""Fast, self-contained settings for the test suite (DATABASE_URL still picks PostgreSQL in CI)."""

import os

os.environ.setdefault("DJANGO_TESTING", "true")

from .settings import *  # noqa: E402,F403
from .settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest storage needs collectstatic; browser tests serve files straight from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Tasks run in-process; the real-worker test switches this off for itself.
CELERY_TASK_ALWAYS_EAGER = True
# django-axes logs every login at INFO; thousands of test logins would drown real output.
LOGGING = {**LOGGING, "loggers": {"axes": {"level": "WARNING"}}}  # noqa: F405
