from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse

HEALTH_PATH = "/healthz/"


class HealthCheckMiddleware:
    """Answer the orchestrator's health probe before host validation and the HTTPS redirect.

    The probe comes from inside the container as http://127.0.0.1:8000, a host that production's
    ALLOWED_HOSTS rightly refuses, so it must be handled first in the chain.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})


def _declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _has_api_token(request) -> bool:
    """A valid `Authorization: Token <key>` header: DRF signs such a client in only in the view,
    after this middleware, so the key is looked up here (a forged one counts as anonymous)."""
    words = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(words) != 2 or words[0].lower() != "token":
        return False
    from rest_framework.authtoken.models import Token  # needs the app registry

    return Token.objects.filter(key=words[1], user__is_active=True).exists()


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than allowed with 413, from its declared Content-Length,
    before anything reads it.

    Django's own caps come too late for this: CSRF middleware parses a multipart POST, spooling
    its files to disk, before an anonymous request meets its 403, and DRF's JSON parser reads a
    body whole. Django reads no more than Content-Length, so a body without one is read as empty.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length > settings.ANONYMOUS_MAX_BODY_BYTES:
            signed_in = request.user.is_authenticated or _has_api_token(request)
            limit = settings.MAX_BODY_BYTES if signed_in else settings.ANONYMOUS_MAX_BODY_BYTES
            if length > limit:
                return _too_large(request, limit)
        return self.get_response(request)


def _too_large(request, limit: int) -> HttpResponse:
    message = f"The request is larger than {_size(limit)}, the most this server accepts."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count // 1024} KB"
