"""Web push: a browser's subscription is stored, and messages reach its push service."""

import base64
import json
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django.utils import timezone

from kommun.disruptions.models import Notice
from kommun.subscriptions.models import Subscription
from kommun.subscriptions.sending import send_due


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
    return lines


@pytest.fixture
def local_push_service(settings):
    """The tests' push service on 127.0.0.1, allowed as if it were a browser's."""
    settings.PUSH_SERVICE_HOSTS = [*settings.PUSH_SERVICE_HOSTS, "127.0.0.1"]


def test_a_browser_subscription_is_stored_and_confirmed_by_the_permission(home, rita, vapid):
    info = browser_subscription("https://fcm.googleapis.com/fcm/send/abc")
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
    home, receiver, vapid, local_push_service, make_notice
):
    receiver.status = 201
    Subscription.objects.create(
        site=home.get_site(),
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


def test_a_410_from_the_push_service_disables_the_subscription(
    home, receiver, vapid, local_push_service, make_notice
):
    receiver.status = 410
    gone = Subscription.objects.create(
        site=home.get_site(),
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


INSIDE = [
    "https://127.0.0.1:8443/push",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1:6379/",
    "https://push.example/abc",
]


@pytest.mark.parametrize("endpoint", INSIDE)
def test_mallory_cannot_register_an_endpoint_that_is_no_push_service(home, rita, vapid, endpoint):
    info = browser_subscription(endpoint)
    response = rita.post(
        "/sv/prenumerera/push/", json.dumps({"subscription": info}), content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("the endpoint is not a known push service")
    assert "is not one of the allowed hosts" in error
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("endpoint", INSIDE)
def test_a_stored_inside_endpoint_is_refused_at_send_time_without_connecting(
    home, vapid, make_notice, endpoint, monkeypatch, settings
):
    # Stored before endpoints were checked; the tests' loopback allowance is off.
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    from kommun.core import http

    connections = []
    monkeypatch.setattr(http, "create_connection", lambda *a, **k: connections.append(a))
    old = Subscription.objects.create(
        site=home.get_site(),
        channel="push",
        destination=json.dumps(browser_subscription(endpoint)),
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    old.refresh_from_db()
    assert old.disabled_at is not None and "push endpoint refused" in old.disabled_reason
    assert connections == []


def test_a_local_server_is_not_posted_to_unless_it_is_a_known_push_service(
    home, receiver, vapid, make_notice
):
    # Loopback is allowed in the tests, but 127.0.0.1 is no push service.
    Subscription.objects.create(
        site=home.get_site(),
        channel="push",
        destination=json.dumps(browser_subscription(receiver.url)),
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    assert receiver.requests == []
