"""Partners fetched through tracker's permission gate (404 unseen, 403 with a message)."""

from __future__ import annotations

from tracker.permissions import VIEW, get_for_user

from .models import Partner


def get_partner_for_user(user, slug: str, action: str = VIEW) -> Partner:
    return get_for_user(Partner.objects.all(), user, action, what="partners", slug=slug)
