from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = settings.PROJECT_DIR / "static" / "kommun" / "favicon.ico"


@require_GET
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    """Browsers ask every site for /favicon.ico, whatever the page says: 1 KB, kept a week."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
