"""
SMS cost the municipality money: only mobile numbers of our countries get them, and the
installation sends at most SMS_DAILY_BUDGET a day. Mallory tries a premium-rate number.
"""

from datetime import datetime, time, timedelta
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.test import Client
from django.utils import timezone, translation

from kommun.disruptions.models import Notice
from kommun.subscriptions.forms import normalise_phone
from kommun.subscriptions.models import Delivery, Subscription
from kommun.subscriptions.sending import send_due


@pytest.fixture
def gateway(receiver, settings):
    settings.SMS_GATEWAY_URL = receiver.url
    return receiver


def texted(gateway):
    return [parse_qs(body.decode())["to"][0] for _, body in gateway.requests]


@pytest.mark.parametrize(
    "number",
    [
        "+979123456789",  # international premium rate
        "+469001234567",  # Swedish premium rate
        "08-123 45 67",  # a Stockholm landline
        "+4915123456789",  # a German mobile: not one of our countries
    ],
)
def test_only_mobile_numbers_of_our_countries_are_accepted(number):
    with translation.override("sv"), pytest.raises(forms.ValidationError, match="mobilnummer"):
        normalise_phone(number)


def test_mallory_cannot_subscribe_a_premium_rate_number(home, gateway):
    response = Client().post("/sv/prenumerera/", {"phone": "+979123456789"})
    assert response.status_code == 200
    assert "+979123456789 är inget mobilnummer" in response.content.decode()
    assert not Subscription.objects.exists()
    assert gateway.requests == []


def test_a_stored_premium_rate_number_gets_no_sms(home, gateway, make_notice):
    old = Subscription.objects.create(
        site=home.get_site(),
        channel="sms",
        destination="+979123456789",
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    old.refresh_from_db()
    assert gateway.requests == []
    assert old.disabled_at is not None and "not a mobile number" in old.disabled_reason


def test_when_the_daily_budget_is_spent_the_rest_wait_for_tomorrow(
    home, gateway, make_notice, settings
):
    settings.SMS_DAILY_BUDGET = 2
    for number in ("+46701234561", "+46701234562", "+46701234563"):
        Subscription.objects.create(
            site=home.get_site(), channel="sms", destination=number, confirmed_at=timezone.now()
        )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    assert len(texted(gateway)) == 2
    held = Delivery.objects.get(status=Delivery.Status.QUEUED)
    assert held.subscription.destination not in texted(gateway)
    assert "held: the daily SMS budget of 2 is spent" in held.last_error
    zone = ZoneInfo(settings.TIME_ZONE)
    tomorrow = datetime.combine(datetime.now(zone).date() + timedelta(days=1), time(), zone)
    assert held.next_attempt_at == tomorrow
    assert send_due("test-worker") == 0  # nothing more today
    assert len(gateway.requests) == 2
