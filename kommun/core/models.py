from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """
    One municipality of the installation: its language, time zone and map, who edits it,
    which partners it shares news with, and the facts integrators need (CAP's geocode and
    sender).
    """

    default_language = models.CharField(
        _("default language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="sv",
        help_text=_("Notices and news are written in this language first."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        default="Europe/Stockholm",
        help_text=_("An IANA time zone, e.g. Europe/Stockholm or Europe/Kyiv."),
    )
    bbox = models.CharField(
        _("map bounds"),
        max_length=100,
        blank=True,
        help_text=_(
            "min_lon,min_lat,max_lon,max_lat. Every area must lie within it. "
            "Empty: the installation's default."
        ),
    )
    editor_groups = models.ManyToManyField(
        Group,
        verbose_name=_("editor groups"),
        blank=True,
        related_name="municipalities",
        help_text=_("Members of these groups edit this municipality's content and nothing else."),
    )
    partner_sites = models.ManyToManyField(
        Site,
        verbose_name=_("partner municipalities"),
        blank=True,
        related_name="+",
        help_text=_("News can be shared with these sites."),
    )

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
        MultiFieldPanel(
            [FieldPanel("default_language"), FieldPanel("time_zone"), FieldPanel("bbox")],
            heading=_("Language, time and map"),
        ),
        FieldPanel("editor_groups"),
        FieldPanel("partner_sites"),
        FieldPanel("municipality_code"),
        FieldPanel("address_register_note"),
        FieldPanel("geocode_name"),
        FieldPanel("cap_sender"),
        FieldPanel("default_contact"),
    ]

    class Meta:
        verbose_name = _("municipality")

    def clean(self):
        errors = {}
        for field in ("municipality_code", "geocode_name", "cap_sender"):
            value = getattr(self, field)
            if any(char in value for char in " ,<&"):
                errors[field] = _("Spaces, commas, < and & are not allowed here.")
        if self.time_zone not in available_timezones():
            errors["time_zone"] = _("%(zone)s is not a known time zone.") % {"zone": self.time_zone}
        if self.bbox:
            try:
                _checked = self.bounds
            except ValueError:
                errors["bbox"] = _("Give four numbers: min_lon,min_lat,max_lon,max_lat.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def bounds(self):
        """The map's box as (min_lon, min_lat, max_lon, max_lat)."""
        if not self.bbox:
            return tuple(settings.MUNICIPALITY_BBOX)
        values = tuple(float(value) for value in self.bbox.split(","))
        if len(values) != 4 or values[0] >= values[2] or values[1] >= values[3]:
            raise ValueError(self.bbox)
        return values
