"""The server-error page, told apart for the one failure users can simply retry.

A database that is restarting or dropped the connection (django.db's OperationalError or
InterfaceError) is answered 503 with a page that says so and asks to try again; CONN_HEALTH_CHECKS
gives the next request a fresh connection. Every other error keeps the 500 page.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

DATABASE_ERRORS = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request, template_name: str = "500.html"):
    # Django calls the handler inside its `except` block, so the exception is still current.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        response = django_server_error(request, template_name="503.html")
        response.status_code = 503
        response["Retry-After"] = "10"
        return response
    return django_server_error(request, template_name=template_name)
