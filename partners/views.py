from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Partner


@require_GET
def partner_list(request):
    partners = Partner.objects.select_related("parent")
    return render(request, "partners/partner_list.html", {"partners": partners})


@require_GET
def partner_detail(request, slug: str):
    partner = get_object_or_404(Partner, slug=slug)
    initiatives = partner.initiative_roles.select_related("initiative")
    return render(
        request, "partners/partner_detail.html", {"partner": partner, "roles": initiatives}
    )
