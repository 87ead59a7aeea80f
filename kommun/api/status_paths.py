"""
Where the read API shows the status, for the layers above that keep copies (the snapshot
files, a CDN's cache).
"""

from django.urls import reverse


def snapshot_paths():
    """{snapshot name: path}: the status JSON."""
    return {"status_json": reverse("api-v1:status")}


def changed_paths():
    """The API's answers that change with every notice, purged from a CDN after a change."""
    return [reverse("api-v1:notices")]
