"""Subscribing by SMS: the number is normalised, and a code sent to it confirms it."""

from urllib.parse import parse_qs

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from kommun.subscriptions.forms import normalise_phone
from kommun.subscriptions.models import Subscription


@pytest.fixture
def gateway(receiver, settings):
    settings.SMS_GATEWAY_URL = receiver.url
    settings.SMS_GATEWAY_USER, settings.SMS_GATEWAY_PASSWORD = "kommun", "hemligt"
    return receiver


def sent_sms(gateway):
    return [{k: v[0] for k, v in parse_qs(body.decode()).items()} for _, body in gateway.requests]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("070-123 45 67", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+380 67 123 4567", "+380671234567"),
        ("093 123 4567", "+380931234567"),  # not a Swedish number, so read as Ukrainian
    ],
)
def test_swedish_and_ukrainian_numbers_are_normalised(typed, stored):
    assert normalise_phone(typed) == stored


def test_a_number_that_is_no_number_is_refused_by_name():
    # Outside a request: the language is the one the form is shown in.
    with translation.override("sv"), pytest.raises(forms.ValidationError, match="12345 är inget"):
        normalise_phone("12345")


def test_a_code_sent_by_sms_confirms_the_number(home, gateway, django_capture_on_commit_callbacks):
    resident = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = resident.post("/sv/prenumerera/", {"phone": "070-123 45 67"})
    assert response.status_code == 302
    [sms] = sent_sms(gateway)
    assert sms["to"] == "+46701234567"
    code = sms["message"].rsplit(" ", 1)[-1]
    assert len(code) == 6 and code.isdigit()
    subscription = Subscription.objects.get()
    assert subscription.channel == "sms" and code not in subscription.code_hash

    wrong = resident.post(response["Location"], {"code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 400
    assert resident.post(response["Location"], {"code": code}).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_guessing_codes_ends_after_a_few_tries(home, gateway, django_capture_on_commit_callbacks):
    resident = Client()
    with django_capture_on_commit_callbacks(execute=True):
        url = resident.post("/sv/prenumerera/", {"phone": "070-123 45 67"})["Location"]
    code = sent_sms(gateway)[0]["message"].rsplit(" ", 1)[-1]
    for guess in range(5):
        resident.post(url, {"code": f"{guess:06d}" if f"{guess:06d}" != code else "999999"})
    assert resident.post(url, {"code": code}).status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_email_or_phone_is_needed(home, rita):
    response = rita.post("/sv/prenumerera/", {})
    assert response.status_code == 200
    assert "Ange antingen en e-postadress eller ett mobilnummer" in response.content.decode() or (
        "Give either an email address or a mobile number" in response.content.decode()
    )
    assert not Subscription.objects.exists()


def test_code_entry_is_rate_limited_per_ip(
    home, gateway, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIBE_RATE_PER_HOUR = 3
    resident = Client()
    with django_capture_on_commit_callbacks(execute=True):
        url = resident.post("/sv/prenumerera/", {"phone": "070-123 45 67"})["Location"]
    codes = [resident.post(url, {"code": "x"}).status_code for _ in range(4)]
    assert codes[-1] == 429
