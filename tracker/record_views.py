"""What every app's create/edit views share: running a service on a cleaned form, showing its
errors or the concurrent edit that refused it (409), and the record form and history pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render

from tracker.history import ConcurrentEditError

FORM_TEMPLATE = "initiatives/records/form.html"
HISTORY_TEMPLATE = "initiatives/records/history.html"


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field it names where there is one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_service(form, save):
    """(result, conflict): the service's result, or the ConcurrentEditError that refused it."""
    try:
        return save(), None
    except ConcurrentEditError as conflict:
        form.restart_from(conflict)
        return None, conflict
    except ValidationError as error:
        add_service_errors(form, error)
        return None, None


def render_form(request, context: dict, conflict: ConcurrentEditError | None = None):
    status = 409 if conflict else 200
    return render(request, FORM_TEMPLATE, {**context, "conflict": conflict}, status=status)
