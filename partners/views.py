"""Partner screens: the list (filtered by kind) and one partner's part in the record."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import pages
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
    # The tracking record's sections come from the apps that registered them (partners/pages.py).
    context = {"partner": partner, **pages.detail_context(partner)}
    return render(request, "partners/partner_detail.html", context)
