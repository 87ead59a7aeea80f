from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kommun.core.sites import current_site
from kommun.disruptions.summary import get_status_summary

FAVICON = settings.PROJECT_DIR / "static" / "kommun" / "favicon.ico"


@require_GET
def banner_fragment(request):
    """The banner's inner HTML, polled by banner.js so open pages catch up without a reload."""
    return render(
        request,
        "includes/banner_content.html",
        {"status_summary": get_status_summary(current_site(request))},
    )


@require_GET
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    """Browsers ask every site for /favicon.ico, whatever the page says: 1 KB, kept a week."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
