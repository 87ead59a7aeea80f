from django.urls import reverse
from django.utils import translation

from kommun.disruptions.models import StatusPage


def site_paths(site, language):
    """The URL path of each snapshot for a site in a language, or None when it has none."""
    with translation.override(language):
        status_page = StatusPage.objects.live().descendant_of(site.root_page, inclusive=True)
        status_page = status_page.first()
        if status_page is not None:
            status_page = status_page.localized  # the page in this language
        return {
            "status_json": reverse("api-v1:status"),
            "banner": reverse("banner-fragment"),
            "embed": reverse("embed-banner"),
            "status_page": status_page.get_url(current_site=site) if status_page else None,
        }
