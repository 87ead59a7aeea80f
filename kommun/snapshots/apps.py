from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnapshotsConfig(AppConfig):
    """The status files served without Python: written after every change, read in an outage."""

    name = "kommun.snapshots"
    verbose_name = _("Status snapshots")

    def ready(self):
        # The outage path's receiver and the rounds after every change.
        from . import outage, signals  # noqa: F401
