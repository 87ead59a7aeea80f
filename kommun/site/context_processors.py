from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from kommun.accessibility.models import AccessibilityStatementPage
from kommun.core.pages import find_page
from kommun.core.sites import current_site
from kommun.disruptions.summary import get_status_summary
from kommun.news.models import NewsIndexPage


def status_banner(request):
    # Lazy: admin pages and JSON views never pay for a summary they don't show.
    return {
        "status_summary": SimpleLazyObject(lambda: get_status_summary(current_site(request))),
        "site_links": SimpleLazyObject(lambda: site_links(request)),
        "banner_refresh_seconds": settings.BANNER_REFRESH_SECONDS,
    }


def site_links(request):
    """The site's home, news and accessibility statement in the reader's language."""
    site = current_site(request)

    def url_of(page_class):
        page = find_page(site, page_class, translation.get_language())
        return page.get_url(request) if page else ""

    return {
        "home": f"/{translation.get_language()}/",
        "news": url_of(NewsIndexPage),
        "statement": url_of(AccessibilityStatementPage),
    }
