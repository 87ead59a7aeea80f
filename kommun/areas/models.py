from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from .forms import AreaForm
from .normalize import address_key, fold
from .widgets import MapWidget


class Area(models.Model):
    """A named place: a village, a district, a water pressure zone, a heating network."""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("Village or locality")
        DISTRICT = "district", _("District")
        PRESSURE_ZONE = "pressure_zone", _("Water pressure zone")
        HEATING_NETWORK = "heating_network", _("District heating network")
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        Site,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="areas",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DISTRICT)
    geometry = models.TextField(
        _("shape"),
        help_text=_("A Polygon or MultiPolygon as GeoJSON, longitude before latitude."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("geometry", widget=MapWidget),
        FieldPanel("repair"),
    ]
    base_form_class = AreaForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class Address(models.Model):
    """One entry of the address register, a point in WGS84."""

    site = models.ForeignKey(
        Site,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="addresses",
    )
    street = models.CharField(_("street"), max_length=120)
    number = models.PositiveIntegerField(_("number"))
    letter = models.CharField(_("letter"), max_length=3, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    locality = models.CharField(_("locality"), max_length=80)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    # Derived from the fields above on every save and import, for matching what people type.
    street_key = models.CharField(max_length=120, db_index=True, editable=False)
    search_key = models.CharField(max_length=140, db_index=True, editable=False)

    class Meta:
        ordering = ["street", "number", "letter"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "street_key", "number", "letter", "postcode"], name="one_address"
            )
        ]

    def __str__(self):
        return f"{self.street} {self.number}{self.letter}, {self.locality}"

    def save(self, *args, **kwargs):
        self.letter = self.letter.strip().upper()
        self.street_key = fold(self.street)
        self.search_key = address_key(self.street, self.number, self.letter)
        super().save(*args, **kwargs)

    @property
    def label(self):
        letter = f" {self.letter}" if self.letter else ""
        return f"{self.street} {self.number}{letter}, {self.locality}"
