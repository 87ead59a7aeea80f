from django.urls import reverse
from django.utils import translation

from kommun.core.pages import find_page
from kommun.disruptions.models import StatusPage


def site_paths(site, language):
    """The URL path of each snapshot for a site in a language, or None when it has none."""
    with translation.override(language):
        status_page = find_page(site, StatusPage, language)
        return {
            "status_json": reverse("api-v1:status"),
            "banner": reverse("banner-fragment"),
            "embed": reverse("embed-banner"),
            "status_page": status_page.get_url(current_site=site) if status_page else None,
        }
