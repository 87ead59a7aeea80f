"""
Where disruptions shows the status. The layers above keep copies of these pages (the
snapshot files, a CDN's cache) and ask here which to refresh after a change. Call inside
translation.override(language): the paths carry the language prefix.
"""

from django.urls import reverse

from .summary import status_page_path


def snapshot_paths(site, language):
    """{snapshot name: path}; the status page's is None while the site has none."""
    return {
        "banner": reverse("banner-fragment"),
        "status_page": status_page_path(site, language) or None,
    }
