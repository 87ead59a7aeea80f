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


class NoticeForm(SiteScopedForm):
    repair_polygon = forms.BooleanField(label=REPAIR_LABEL, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asking to notify is a choice about this one change, never carried over.
        if "notify_subscribers" in self.fields:
            self.initial["notify_subscribers"] = False

    def clean(self):
        cleaned = super().clean()
        # Notice.clean() checks the drawn polygon; this passes on the editor's consent.
        self.instance.repair_polygon = bool(cleaned.get("repair_polygon"))
        return cleaned
