from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from kommun.news.models import ArticlePage


class HomePage(Page):
    """The municipality's front page: the banner, the current notices and the latest news."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "disruptions.StatusPage",
        "news.NewsIndexPage",
        "accessibility.AccessibilityStatementPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.live().descendant_of(self).order_by("-published", "-pk")[:3]
        )
        return context


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """Facts about the municipality that integrators need (CAP's geocode and sender)."""

    municipality_code = models.CharField(
        _("municipality code"),
        max_length=20,
        default="0000",
        help_text=_("The official code, e.g. the four-digit Swedish kommunkod."),
    )
    geocode_name = models.CharField(
        _("name of the code"),
        max_length=40,
        default="SE-KOMMUNKOD",
        help_text=_("The valueName of the CAP geocode the code is given as."),
    )
    cap_sender = models.CharField(
        _("CAP sender"),
        max_length=100,
        default="driftinfo@kommun.example",
        help_text=_("Identifies the municipality as the sender of CAP alerts. No spaces."),
    )
    default_contact = models.CharField(
        _("default contact"),
        max_length=200,
        blank=True,
        help_text=_("Used when a notice names no contact."),
    )

    address_register_note = models.CharField(
        _("note on the address register"),
        max_length=200,
        blank=True,
        help_text=_("Shown with address lookups, e.g. how current the register is."),
    )

    panels = [
        FieldPanel("municipality_code"),
        FieldPanel("address_register_note"),
        FieldPanel("geocode_name"),
        FieldPanel("cap_sender"),
        FieldPanel("default_contact"),
    ]

    class Meta:
        verbose_name = _("municipality")

    def clean(self):
        for field in ("municipality_code", "geocode_name", "cap_sender"):
            value = getattr(self, field)
            if any(char in value for char in " ,<&"):
                raise ValidationError({field: _("Spaces, commas, < and & are not allowed here.")})
