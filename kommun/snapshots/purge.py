import logging

from django.conf import settings
from wagtail.models import Site

from .paths import changed_paths

logger = logging.getLogger(__name__)


def purge_frontend_cache():
    """Asks the CDN or caching proxy to drop every URL a change of the status alters."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = set()
    for site in Site.objects.select_related("root_page"):
        for language, _name in settings.LANGUAGES:
            urls |= {site.root_url + path for path in changed_paths(site, language)}
    purge_urls_from_cache(sorted(urls))
