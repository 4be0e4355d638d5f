"""The search page behind the header's search box: initiatives, statement paragraphs, partners."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.models import Partner

from .. import search, selectors

SHOWN = 10  # initiatives and partners listed per group; the rest are a link away
PARAGRAPHS_SHOWN = 20
QUERY_MAX = 200


@require_GET
def search_page(request):
    query = " ".join(request.GET.get("q", "").split())[:QUERY_MAX]
    concepts = search.concepts_for(query) if query else []
    context = {"query": query, "concepts": concepts}
    if concepts:
        found = search.filter_initiatives(selectors.initiative_list(), concepts)
        initiatives = list(found[:200])
        # Names and acronyms that match come before matches in descriptions only.
        initiatives.sort(
            key=lambda i: (-search.name_score([i.name, i.acronym, *i.alias_list], concepts), i.name)
        )
        partners = list(search.filter_partners(Partner.objects.order_by("name"), concepts))
        partners.sort(
            key=lambda p: (
                -search.name_score([p.name, p.short_name, *p.alias_list], concepts),
                p.name,
            )
        )
        context.update(
            initiatives=initiatives[:SHOWN],
            initiative_total=found.count() if len(initiatives) == 200 else len(initiatives),
            paragraphs=search.search_paragraphs(concepts, limit=PARAGRAPHS_SHOWN),
            partners=partners[:SHOWN],
            partner_total=len(partners),
            widened=[c for c in concepts if len(c.spellings) > 1],
        )
    return render(request, "initiatives/search.html", context)
