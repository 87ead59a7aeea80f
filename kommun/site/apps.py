from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site itself: the home page, the site structure, the scheduler, what every page shows."""

    name = "kommun.site"
    verbose_name = _("Site")
