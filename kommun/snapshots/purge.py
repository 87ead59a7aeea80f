import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .paths import site_paths

logger = logging.getLogger(__name__)


def purge_frontend_cache():
    """Asks the CDN or caching proxy to drop every URL a change of the status alters."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = set()
    for site in Site.objects.select_related("root_page"):
        for language, _name in settings.LANGUAGES:
            # The home page in this language, and "/", which sends readers to it.
            paths = set(site_paths(site, language).values()) | {"/", f"/{language}/"}
            with translation.override(language):
                paths |= {
                    reverse(name)
                    for name in (
                        "notices-rss",
                        "notices-atom",
                        "cap-atom",
                        "planned-ics",
                        "api-v1:notices",
                    )
                }
            urls |= {site.root_url + path for path in paths if path}
    purge_urls_from_cache(sorted(urls))
