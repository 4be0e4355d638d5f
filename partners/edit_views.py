"""Creating and editing partners, and their history (officers and admins): tracker's record pages."""

from __future__ import annotations

from tracker.record_views import RecordCreateView, RecordEditView, RecordHistoryView

from . import services
from .forms import PartnerForm
from .permissions import get_partner_for_user


class PartnerCreate(RecordCreateView):
    form_class = PartnerForm
    service = services.partner_create
    fields = services.PARTNER_FIELDS
    what = "partners"
    title = "New partner"
    cancel_url = "partners:list"

    def message(self, saved) -> str:
        return f"Partner “{saved}” created."


class PartnerEdit(RecordEditView):
    form_class = PartnerForm
    service = services.partner_update
    fields = services.PARTNER_FIELDS
    fetch = get_partner_for_user
    record_arg = "partner"

    def message(self, saved) -> str:
        return f"Partner “{saved}” saved."


class PartnerHistory(RecordHistoryView):
    fetch = get_partner_for_user
    kind = "partner"


partner_create = PartnerCreate.as_view()
partner_edit = PartnerEdit.as_view()
partner_history = PartnerHistory.as_view()
