from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kommun.areas.lookup import find, suggest
from kommun.core.models import MunicipalitySettings
from kommun.core.sites import current_site

from .affected import notices_affecting_address
from .geojson import feature_collection
from .models import Notice, localize
from .summary import get_status_summary, notice_path


@require_GET
def banner_fragment(request):
    """The banner's inner HTML, polled by banner.js so open pages catch up without a reload."""
    return render(
        request,
        "includes/banner_content.html",
        {"status_summary": get_status_summary(current_site(request))},
    )


def address_lookup(request):
    """Does this affect me? A resident types an address and sees what affects it."""
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "checked_at": timezone.now(),
        "register_note": MunicipalitySettings.for_request(request).address_register_note,
    }
    if query:
        matches = find(current_site(request), query)
        if len(matches) == 1:
            context["address"] = matches[0]
            context["notices"] = notices_affecting_address(matches[0], context["checked_at"])
        else:
            context["choices"] = matches or suggest(current_site(request), query)
    return render(request, "disruptions/address_lookup.html", context)


@require_GET
@cache_control(public=True, max_age=30)
def notices_geojson(request):
    """Ongoing and planned notices as a GeoJSON FeatureCollection."""
    now = timezone.now()
    notices = (
        Notice.objects.public(current_site(request))
        .not_ended(now)
        .select_related("service", "locale")
        .prefetch_related("areas", "streets", "updates")
        .order_by("starts_at")
    )
    notices = localize(notices, translation.get_language())
    data = feature_collection(
        notices, lambda notice: request.build_absolute_uri(notice_path(notice))
    )
    return JsonResponse(data, content_type="application/geo+json")
