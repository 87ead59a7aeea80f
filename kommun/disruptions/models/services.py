"""The services a municipality's notices belong to: water, heating, streets and so on."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from kommun.core.admin_scope import SiteScopedForm
from kommun.core.text import refuse_control_characters

# On every text an editor or operations system writes that reaches the page and the feeds.
PRINTABLE = [refuse_control_characters]


# The services every municipality starts with. Their names are in the catalogues, so they
# read right in every language; a service an editor adds or renames is shown as written.
STANDARD_SERVICES = {
    "vatten-och-avlopp": _("Water and sewage"),
    "fjarrvarme": _("District heating"),
    "el": _("Electricity"),
    "gator-och-vagar": _("Streets and roads"),
    "avfallshamtning": _("Waste collection"),
    "atervinningscentraler": _("Recycling centres"),
    "it-och-e-tjanster": _("IT and e-services"),
    "ovrigt": _("Other"),
}


class Service(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=80, validators=PRINTABLE)
    slug = models.SlugField(_("slug"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    base_form_class = SiteScopedForm

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="one_service_slug_per_site"),
            models.UniqueConstraint(fields=["site", "name"], name="one_service_name_per_site"),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the active language."""
        standard = STANDARD_SERVICES.get(self.slug)
        if standard is None:
            return self.name
        names = set()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(str(standard))
        return str(standard) if self.name in names else self.name
