from django import forms
from django.utils.translation import gettext_lazy as _

from kommun.core.admin_scope import SiteScopedForm
from kommun.core.sites import municipality

from .geometry import GeometryError, parse_area, to_geojson

REPAIR_LABEL = _("Repair the shape automatically if it is not valid")


class AreaForm(SiteScopedForm):
    repair = forms.BooleanField(label=REPAIR_LABEL, required=False)

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("geometry")
        if text:
            try:
                bounds = municipality(self.instance.site).bounds if self.instance.site_id else None
                geometry = parse_area(text, repair=cleaned.get("repair"), bounds=bounds)
                cleaned["geometry"] = to_geojson(geometry)
            except GeometryError as error:
                self.add_error("geometry", str(error))
        return cleaned
