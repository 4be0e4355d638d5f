"""The create, edit and history pages every record shares: initiatives, meetings, partners, updates.

Each app configures these classes rather than writing the pages again: which form, which service,
how to fetch the record through the permission gate, and the wording. What stays the same
everywhere lives here: the role is checked before anything else (404 for what the user may not
see, 403 with a reason for what they may not change), the cleaned form goes to one service, a
service's ValidationError lands on the field it names, and a save refused because someone else
saved first comes back as 409 with what they changed, the form restarted from the saved record.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views import View

from tracker import permissions
from tracker.history import ConcurrentEditError, record_history

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


def _url_key(kwargs: dict):
    """The one URL argument that names a record: its slug or its primary key."""
    return kwargs["slug"] if "slug" in kwargs else kwargs["pk"]


class RecordFormView(View):
    """GET shows the form; POST hands the cleaned form to `service` and redirects on success.

    A subclass names `form_class`, `service` (called with `user=`, the changed `fields` and
    `service_kwargs`) and the wording; `check` runs before anything is read. `service` and
    `fetch` are plain functions set on the class and called through type(self), so they are
    never bound as methods.
    """

    http_method_names = ["get", "post"]
    form_class = None
    service = None
    fields: tuple[str, ...] = ()
    noun = ""  # "Meeting": the default messages say "Meeting “…” created." and "… saved."
    title = ""
    intro = ""
    submit = ""

    def check(self) -> None:
        """Refuse (404/403) before the form is built; fetch the record here where there is one."""
        self.record = None

    def get_form(self, data):
        return self.form_class(data)

    def service_kwargs(self, form) -> dict:
        return {}

    def save(self, form):
        return type(self).service(
            user=self.request.user, **self.service_kwargs(form), **form.changes(self.fields)
        )

    def after_save(self, form, saved) -> None:
        """What follows a successful save in the same request (e.g. an initiative's topics)."""

    def name(self, record) -> str:
        """How messages and titles name a record."""
        return str(record)

    def message(self, saved) -> str:
        done = "saved" if self.record is not None else "created"
        return f"{self.noun} “{self.name(saved)}” {done}."

    def success_url(self, saved):
        return saved

    def context(self) -> dict:
        return {"title": self.title, "intro": self.intro, "submit": self.submit}

    def dispatch(self, request, *args, **kwargs):
        # The method first (405), as @require_http_methods did, then the role.
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.check()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.respond(self.get_form(None))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        conflict = None
        if form.is_valid():
            saved, conflict = run_service(form, lambda: self.save(form))
            if saved:
                self.after_save(form, saved)
                messages.success(request, self.message(saved))
                return redirect(self.success_url(saved))
        return self.respond(form, conflict)

    def respond(self, form, conflict: ConcurrentEditError | None = None):
        context = {k: v for k, v in self.context().items() if v}
        if self.record is not None:
            context.setdefault("record", self.record)
        return render_form(self.request, {"form": form, **context}, conflict)


class RecordCreateView(RecordFormView):
    """A new record; `what` names the records in the officers-only refusal."""

    what = "tracking records"
    cancel_url = ""

    def check(self) -> None:
        permissions.require_records_editor(self.request.user, self.what)
        self.record = None

    def context(self) -> dict:
        return {
            **super().context(),
            "title": self.title or f"New {self.noun.lower()}",
            "cancel": reverse(self.cancel_url),
        }


class RecordEditView(RecordFormView):
    """An existing record, fetched by `fetch(user, slug or pk, action)` with the right to change it.

    The form carries the version the editor started from (edit_markers), so the service can refuse
    a save that would overwrite someone else's.
    """

    fetch = None
    record_arg = ""  # the service's keyword for the record being edited

    def check(self) -> None:
        self.record = type(self).fetch(self.request.user, _url_key(self.kwargs), permissions.CHANGE)

    def get_form(self, data):
        return self.form_class(data, instance=self.record)

    def service_kwargs(self, form) -> dict:
        return {self.record_arg: self.record, **form.edit_markers()}

    def cancel(self) -> str:
        return self.record.get_absolute_url()

    def context(self) -> dict:
        return {
            **super().context(),
            "title": self.title or f"Edit {self.name(self.record)}",
            "cancel": self.cancel(),
        }


class RecordHistoryView(View):
    """Every change to one record: who, when, each field before and after (tracker/history.py)."""

    http_method_names = ["get"]
    fetch = None
    kind = ""

    def get_kind(self, record) -> str:
        return self.kind

    def back(self, record) -> str:
        return record.get_absolute_url()

    def extra(self, record) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        record = type(self).fetch(request.user, _url_key(kwargs))
        context = {
            "record": record,
            "kind": self.get_kind(record),
            "entries": record_history(record),
            "back": self.back(record),
        }
        return render(request, HISTORY_TEMPLATE, {**context, **self.extra(record)})


def record_pages(
    *,
    noun: str,
    form_class,
    fields,
    create,
    update,
    fetch,
    record_arg: str,
    what: str,
    list_url: str,
):
    """(create, edit, history) views of a record that needs nothing beyond these defaults."""
    shared = {"noun": noun, "form_class": form_class, "fields": fields}
    creating = type(
        f"{noun}Create",
        (RecordCreateView,),
        {**shared, "service": create, "what": what, "cancel_url": list_url},
    )
    editing = type(
        f"{noun}Edit",
        (RecordEditView,),
        {**shared, "service": update, "fetch": fetch, "record_arg": record_arg},
    )
    history = type(f"{noun}History", (RecordHistoryView,), {"fetch": fetch, "kind": noun.lower()})
    return creating.as_view(), editing.as_view(), history.as_view()


def record_paths(prefix: str, views, *, name: str = "", key: str = "<slug:slug>") -> list:
    """The routes of record_pages' (create, edit, history): new/, <key>/edit/, <key>/history/.

    Placed before the record's own <key>/ route, which would otherwise take "new" for a key.
    """
    create, edit, history = views
    return [
        path(f"{prefix}new/", create, name=f"{name}create"),
        path(f"{prefix}{key}/edit/", edit, name=f"{name}edit"),
        path(f"{prefix}{key}/history/", history, name=f"{name}history"),
    ]
