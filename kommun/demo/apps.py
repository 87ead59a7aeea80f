from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content `make run` loads, and the set-up helpers of the benchmarks."""

    name = "kommun.demo"
    verbose_name = _("Demo content")
