from django import forms
from django.utils.translation import gettext_lazy as _

DESCRIPTION_MAX_LENGTH = 5000


class ReportForm(forms.Form):
    """
    A visitor's report of a problem. A plain form: the statement page stores what it
    holds as a ProblemReport, so that this module needs nothing from the models.
    """

    description = forms.CharField(
        label=_("What did not work?"),
        help_text=_("Describe the problem and, if you can, what you were trying to do."),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe the problem, so that we can fix it.")},
    )
    page_address = forms.CharField(
        label=_("Which page? (optional)"),
        help_text=_("The page's address or name."),
        max_length=500,
        required=False,
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        help_text=_("Only if you want an answer. We use it for nothing else."),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address such as namn@example.se.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            described_by = [f"{field.auto_id}-hint"] if field.help_text else []
            if field.errors:
                described_by.append(f"{field.auto_id}-errors")
                field.field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.field.widget.attrs["aria-describedby"] = " ".join(described_by)
