"""Web push: a browser's subscription is stored, and messages reach its push service."""

import base64
import json
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django.utils import timezone

from kommun.alerts.models import Subscription
from kommun.alerts.sending import send_due
from kommun.disruptions.models import Notice


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def browser_subscription(endpoint):
    """What a browser's PushManager hands out: an endpoint and the keys to encrypt to."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"endpoint": endpoint, "keys": {"p256dh": b64(public), "auth": b64(os.urandom(16))}}


@pytest.fixture
def vapid(settings, capsys):
    call_command("vapid_keys")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    settings.VAPID_PUBLIC_KEY = lines["VAPID_PUBLIC_KEY"]
    settings.VAPID_PRIVATE_KEY = lines["VAPID_PRIVATE_KEY"]
    settings.DEBUG_PUSH_HTTP = True
    return lines


def test_a_browser_subscription_is_stored_and_confirmed_by_the_permission(home, rita, vapid):
    info = browser_subscription("https://push.example/abc")
    response = rita.post(
        "/sv/prenumerera/push/", json.dumps({"subscription": info}), content_type="application/json"
    )
    assert response.status_code == 201
    subscription = Subscription.objects.get()
    assert subscription.channel == "push" and subscription.active
    assert json.loads(subscription.destination) == info
    assert "/sv/prenumerera/hantera/" in response.json()["manage_url"]


def test_something_that_is_no_subscription_is_refused(home, rita, vapid):
    response = rita.post(
        "/sv/prenumerera/push/",
        json.dumps({"subscription": {"endpoint": "x"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "not a push subscription" in response.json()["error"]
    assert not Subscription.objects.exists()


def test_the_push_service_gets_an_encrypted_vapid_signed_message(
    home, receiver, vapid, make_notice
):
    receiver.status = 201
    Subscription.objects.create(
        channel="push",
        destination=json.dumps(browser_subscription(receiver.url)),
        confirmed_at=timezone.now(),
    )
    make_notice(headline="Vattenläcka", severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    headers, body = receiver.requests[0]
    assert headers["Content-Encoding"] == "aes128gcm"
    assert headers["Authorization"].startswith("vapid t=")
    assert f"k={vapid['VAPID_PUBLIC_KEY']}" in headers["Authorization"]
    assert b"Vattenl" not in body  # encrypted for the browser alone


def test_a_410_from_the_push_service_disables_the_subscription(home, receiver, vapid, make_notice):
    receiver.status = 410
    gone = Subscription.objects.create(
        channel="push",
        destination=json.dumps(browser_subscription(receiver.url)),
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    gone.refresh_from_db()
    assert gone.disabled_at is not None and "410" in gone.disabled_reason


def test_the_service_worker_is_served_from_the_root(rita, home):
    response = rita.get("/sw.js")
    assert response.status_code == 200
    assert "showNotification" in response.content.decode()
