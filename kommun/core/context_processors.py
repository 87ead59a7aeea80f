from django.conf import settings
from django.utils.functional import SimpleLazyObject

from kommun.disruptions.summary import get_status_summary


def status_banner(request):
    # Lazy: admin pages and JSON views never pay for a summary they don't show.
    return {
        "status_summary": SimpleLazyObject(get_status_summary),
        "banner_refresh_seconds": settings.BANNER_REFRESH_SECONDS,
    }
