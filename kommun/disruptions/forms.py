from django import forms

from kommun.areas.forms import REPAIR_LABEL
from kommun.core.admin_scope import SiteScopedForm


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
