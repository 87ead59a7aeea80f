"""Mallory uses the public subscription pages to tie up the server; limits stop her early."""

import json
import time

from django.test import Client
from django.utils import timezone

from kommun.subscriptions.links import manage_url
from kommun.subscriptions.models import Subscription

from .conftest import local_path


def test_twenty_thousand_address_lines_are_refused_at_once(home):
    lines = "\n".join(f"Storgatan {n}" for n in range(1, 20_000))
    started = time.monotonic()
    response = Client().post("/sv/prenumerera/", {"email": "m@example.org", "addresses": lines})
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "som mest 2000 tecken" in response.content.decode()
    assert not Subscription.objects.exists()


def test_twenty_one_lines_are_one_too_many(home):
    lines = "\n".join(["Storgatan 1"] * 21)
    response = Client().post("/sv/prenumerera/", {"email": "m@example.org", "addresses": lines})
    assert "högst 20 adresser; du angav 21" in response.content.decode()


def test_an_endless_address_field_is_refused_by_its_length(home):
    response = Client().post(
        "/sv/prenumerera/", {"email": "m@example.org", "addresses": "x" * 50_000}
    )
    assert response.status_code == 200
    assert "som mest 2000 tecken" in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_management_page_is_rate_limited(home, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 3
    subscription = Subscription.objects.create(
        site=home.get_site(),
        channel="email",
        destination="rita@example.org",
        confirmed_at=timezone.now(),
    )
    page = local_path(manage_url(subscription))
    mallory = Client()
    codes = [mallory.post(page, {"include_planned": "on"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert mallory.get(page).status_code == 200  # reading is not limited


def test_an_oversized_push_subscription_is_refused(home, settings):
    settings.VAPID_PUBLIC_KEY = "x"
    info = {
        "endpoint": "https://fcm.googleapis.com/fcm/send/" + "a" * 5000,
        "keys": {"p256dh": "k", "auth": "a"},
    }
    response = Client().post(
        "/sv/prenumerera/push/", json.dumps({"subscription": info}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "too long" in response.json()["error"]
    assert not Subscription.objects.exists()
