"""The help page: the words of the tracker, each taken from where the code defines it."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker import roles

from ..choices import (
    EVIDENCE_MEANINGS,
    NO_STATUS_MEANING,
    STATUS_MEANINGS,
    STATUS_RANK,
    EvidenceKind,
    Status,
)
from ..search import WHOLE_WORD_MAX
from ..status import CHANGE_KINDS, CHANGE_LABELS, CHANGE_MEANINGS


@require_GET
def help_page(request):
    ladder = sorted(STATUS_RANK, key=STATUS_RANK.get)
    statuses = [
        {
            "value": s,
            "label": Status(s).label,
            "order": STATUS_RANK.get(s),
            "meaning": STATUS_MEANINGS[s].meaning,
            "words": STATUS_MEANINGS[s].words,
        }
        for s in [*ladder, *(s for s in Status.values if s not in STATUS_RANK)]
    ]
    context = {
        "statuses": statuses,
        "ladder": [Status(s).label for s in ladder],
        "no_status_meaning": NO_STATUS_MEANING,
        "changes": [(k, CHANGE_LABELS[k], CHANGE_MEANINGS[k]) for k in CHANGE_KINDS],
        "evidence": [(k.label, EVIDENCE_MEANINGS[k]) for k in EvidenceKind],
        "roles": [(name, roles.ROLE_DESCRIPTIONS[name]) for name in roles.ROLE_GROUPS],
        "stale_days": settings.STALE_AFTER_DAYS,
        "whole_word_max": WHOLE_WORD_MAX,
    }
    return render(request, "help.html", context)
