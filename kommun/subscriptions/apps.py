from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "kommun.subscriptions"
    # The app was called "alerts" when its tables were made; the label keeps them.
    label = "alerts"
    verbose_name = _("Subscriptions")

    def ready(self):
        from . import signals  # noqa: F401
