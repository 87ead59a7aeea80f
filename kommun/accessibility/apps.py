from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "kommun.accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from . import tasks  # noqa: F401  (connects the mailing of reports)
