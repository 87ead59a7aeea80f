"""
Which numbers we send SMS to: mobile numbers of the countries in SMS_COUNTRIES. Anything
else (a landline, a premium-rate or an international service number such as +979) would
cost the municipality money for nothing, or for someone else's gain.
"""

import phonenumbers
from django.conf import settings

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def parse(text):
    """The number, read with each allowed country as the default; None if none reads it."""
    for region in settings.SMS_COUNTRIES:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def can_text(number):
    """Whether a (parsed) number is a mobile number of a country we send to."""
    return (
        phonenumbers.region_code_for_number(number) in settings.SMS_COUNTRIES
        and phonenumbers.number_type(number) in MOBILE_TYPES
    )


def can_text_e164(text):
    try:
        return can_text(phonenumbers.parse(text))
    except phonenumbers.NumberParseException:
        return False


def e164(number):
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
