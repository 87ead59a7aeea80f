"""Which paths the snapshots keep and a change purges, composed from what each app offers."""

from django.utils import translation

from kommun.api import status_paths as api_paths
from kommun.disruptions import status_paths as disruption_paths
from kommun.feeds import status_paths as feed_paths


def site_paths(site, language):
    """The URL path of each snapshot for a site in a language, or None when it has none."""
    with translation.override(language):
        return {
            **api_paths.snapshot_paths(),
            **disruption_paths.snapshot_paths(site, language),
            **feed_paths.snapshot_paths(),
        }


def changed_paths(site, language):
    """Every path a change of the status alters: the snapshots', the feeds', the API's."""
    with translation.override(language):
        paths = set(site_paths(site, language).values())
        paths |= set(feed_paths.changed_paths()) | set(api_paths.changed_paths())
    # The home page in this language, and "/", which sends readers to it.
    paths |= {"/", f"/{language}/"}
    return {path for path in paths if path}
