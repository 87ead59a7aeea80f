"""
Where the feeds show the status, for the layers above that keep copies (the snapshot files,
a CDN's cache). Call inside translation.override(language).
"""

from django.urls import reverse


def snapshot_paths():
    """{snapshot name: path}: the embeddable banner."""
    return {"embed": reverse("embed-banner")}


def changed_paths():
    """The feeds that change with every notice, purged from a CDN after a change."""
    return [reverse(name) for name in ("notices-rss", "notices-atom", "cap-atom", "planned-ics")]
