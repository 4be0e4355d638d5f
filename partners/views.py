"""Partner screens: the list (filtered by kind) and one partner's part in the record."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import selectors
from .filtersets import PartnerFilterSet
from .models import Partner

PAGE_SIZE = 50


@require_GET
def partner_list(request):
    filterset = PartnerFilterSet(request.GET or None, request=request)
    partners = (
        filterset.qs if filterset.is_valid() or not filterset.is_bound else Partner.objects.none()
    )
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/partner_list.html", {"filter": filterset, "page": page})


@require_GET
def partner_detail(request, slug: str):
    partner = get_object_or_404(
        Partner.objects.select_related("parent").prefetch_related("children"), slug=slug
    )
    context = {
        "partner": partner,
        "roles": selectors.partner_roles(partner),
        "led": selectors.led_initiatives(partner),
        "work_plans": selectors.work_plans_by_year(partner),
        "mentions_over_time": selectors.partner_mentions_over_time(partner),
    }
    if partner.is_member_state:
        context["country_notes"] = selectors.country_notes(partner)
        context["named_items"] = selectors.named_initiatives(partner)
        # The same count the dashboard's empty state gives (paragraphs_naming), read here from
        # the per-meeting totals already loaded.
        context["naming_paragraphs"] = sum(e.paragraph_total for e in context["mentions_over_time"])
    return render(request, "partners/partner_detail.html", context)
