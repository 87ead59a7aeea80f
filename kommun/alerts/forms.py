from django import forms
from django.utils.translation import gettext_lazy as _

from kommun.areas.lookup import find
from kommun.areas.models import Area
from kommun.disruptions.models import Service


class FollowForm(forms.Form):
    """What a subscription follows. Shared by subscribing and by changing a subscription."""

    addresses = forms.CharField(
        label=_("Addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One address per line, for example Storgatan 12 B. Leave empty to follow everything."
        ),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services"),
        queryset=Service.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen means all services."),
    )
    include_planned = forms.BooleanField(
        label=_("Also tell me about planned work"), required=False, initial=True
    )

    def clean_addresses(self):
        found, problems = [], []
        lines = [line.strip() for line in self.cleaned_data["addresses"].splitlines()]
        for number, line in enumerate(filter(None, lines), start=1):
            matches = find(line)
            if len(matches) == 1:
                found.append(matches[0])
            elif matches:
                problems.append(
                    _(
                        "Line %(number)d (%(text)s) matches several addresses; "
                        "add the locality after a comma."
                    )
                    % {"number": number, "text": line}
                )
            else:
                problems.append(
                    _("Line %(number)d (%(text)s) is not in the address register.")
                    % {"number": number, "text": line}
                )
        if problems:
            raise forms.ValidationError(problems)
        return found


class SubscribeForm(FollowForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)

    field_order = ["email", "addresses", "areas", "services", "include_planned"]
