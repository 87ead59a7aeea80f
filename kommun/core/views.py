from django.shortcuts import render
from django.views.decorators.http import require_GET

from kommun.disruptions.summary import get_status_summary

from .sites import current_site


@require_GET
def banner_fragment(request):
    """The banner's inner HTML, polled by banner.js so open pages catch up without a reload."""
    return render(
        request,
        "includes/banner_content.html",
        {"status_summary": get_status_summary(current_site(request))},
    )
