from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisruptionsConfig(AppConfig):
    name = "kommun.disruptions"
    verbose_name = _("Disruptions")

    def ready(self):
        from . import index_updates, signals  # noqa: F401
