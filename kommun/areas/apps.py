from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "kommun.areas"
    verbose_name = _("Areas and addresses")

    def ready(self):
        from . import changes  # noqa: F401
