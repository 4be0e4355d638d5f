"""Creating and editing partners, and their history (officers and admins)."""

from __future__ import annotations

from tracker.record_views import record_pages

from . import services
from .forms import PartnerForm
from .permissions import get_partner_for_user

partner_create, partner_edit, partner_history = record_pages(
    noun="Partner",
    form_class=PartnerForm,
    fields=services.PARTNER_FIELDS,
    create=services.partner_create,
    update=services.partner_update,
    fetch=get_partner_for_user,
    record_arg="partner",
    what="partners",
    list_url="partners:list",
)
