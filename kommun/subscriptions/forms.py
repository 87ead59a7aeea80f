from django import forms
from django.utils.translation import gettext_lazy as _

from kommun.areas.lookup import find
from kommun.areas.models import Area
from kommun.core.text import refuse_control_characters
from kommun.disruptions.models import Service

from . import phones

# Each line is looked up in the address register: a household follows a few addresses,
# and thousands of lines would hold a web worker for seconds.
MAX_ADDRESS_LINES = 20


class FollowForm(forms.Form):
    """What a subscription follows. Shared by subscribing and by changing a subscription."""

    addresses = forms.CharField(
        label=_("Addresses"),
        required=False,
        max_length=MAX_ADDRESS_LINES * 100,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[refuse_control_characters],
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

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        # A resident follows their own municipality's places and services.
        self.site = site
        self.fields["areas"].queryset = Area.objects.filter(site=site)
        self.fields["services"].queryset = Service.objects.filter(site=site)
        self.fields["services"].label_from_instance = lambda service: service.display_name

    def clean_addresses(self):
        found, problems = [], []
        lines = [line.strip() for line in self.cleaned_data["addresses"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_ADDRESS_LINES:
            raise forms.ValidationError(
                _("Give at most %(most)d addresses; you gave %(count)d.")
                % {"most": MAX_ADDRESS_LINES, "count": len(lines)}
            )
        for number, line in enumerate(lines, start=1):
            matches = find(self.site, line)
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


def normalise_phone(text):
    """The number in E.164 (+46701234567), or ValidationError."""
    number = phones.parse(text)
    if number is None:
        raise forms.ValidationError(
            _("%(text)s is not a phone number we can send to. Include the country code, e.g. +46.")
            % {"text": text}
        )
    if not phones.can_text(number):
        raise forms.ValidationError(
            _("%(text)s is not a mobile number in a country we send SMS to.") % {"text": text}
        )
    return phones.e164(number)


class SubscribeForm(FollowForm):
    email = forms.EmailField(label=_("Email address"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Or a mobile number for SMS"),
        max_length=30,
        required=False,
        help_text=_("For example 070-123 45 67 or +380 67 123 4567."),
    )

    field_order = ["email", "phone", "addresses", "areas", "services", "include_planned"]

    def clean_phone(self):
        text = self.cleaned_data["phone"].strip()
        return normalise_phone(text) if text else ""

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("email")) == bool(cleaned.get("phone")) and not self.errors:
            raise forms.ValidationError(_("Give either an email address or a mobile number."))
        return cleaned
