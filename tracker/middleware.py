from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse

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
