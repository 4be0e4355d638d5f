"""The project's URLs plus one reference view used only by the benchmark."""

from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as project_urlpatterns


def noop(request):
    # Passes through every middleware (session and user included) but runs no query of its own.
    return HttpResponse("ok")


urlpatterns = [path("__benchmark__/noop/", noop), *project_urlpatterns]
