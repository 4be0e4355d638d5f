from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The placeholder of .env.example, which a copied file keeps until someone edits it.
PLACEHOLDER_SECRET_KEYS = frozenset({"change-me-to-a-long-random-string"})


def weak_secret_key_reason(key: str) -> str:
    """Why `key` is unfit for production ("" when it is fine): Django's own deploy check rules
    (at least 50 characters, 5 different ones, not a django-insecure- key) and the placeholder."""
    if key in PLACEHOLDER_SECRET_KEYS:
        return "it is the placeholder of .env.example"
    if key.startswith("django-insecure-"):
        return "it is a django-insecure- development key"
    if len(key) < 50:
        return f"it has {len(key)} characters; use at least 50"
    if len(set(key)) < 5:
        return "it repeats too few different characters"
    return ""


def refuse_development_secret_key() -> None:
    """A server must never start in production mode on the key that ships in the repository,
    the placeholder of .env.example, or any key `check --deploy` would call weak."""
    if settings.DEBUG:
        return
    if settings.USING_DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or SECRET_KEY) when DEBUG is off.")
    reason = weak_secret_key_reason(settings.SECRET_KEY)
    if reason:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is too weak for production: {reason}. Generate one with "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        )
