from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kommun.core"
    verbose_name = _("Municipality")

    def ready(self):
        from .spreadsheets import install

        install()  # CSV exports escape formulas
