"""Viewset bases shared by the apps' APIs.

Apart from tracker/api.py because DRF's generic views read the REST_FRAMEWORK settings (which
name classes in tracker/api.py) when they are imported.
"""

from __future__ import annotations

from rest_framework import viewsets

from tracker.api import SLUG_PATTERN, IsOfficerOrReadOnly


class OfficerSlugViewSet(viewsets.ModelViewSet):
    # A record everyone reads and officers write, addressed by its slug as in the page URLs.
    # (A comment, not a docstring: the API docs would show it on every subclass without one.)
    permission_classes = [IsOfficerOrReadOnly]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
