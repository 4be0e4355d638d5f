from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_development_secret_key() -> None:
    """A server must never start in production mode on the key that ships in the repository."""
    if not settings.DEBUG and settings.USING_DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or SECRET_KEY) when DEBUG is off.")
