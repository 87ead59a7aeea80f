"""Webhooks and the SMS gateway go through the one safe client (kommun/core/http.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from kommun.core import http
from kommun.disruptions.models import Notice
from kommun.subscriptions.models import Delivery, Subscription
from kommun.subscriptions.sending import send_due


@pytest.fixture
def connections(monkeypatch):
    made = []
    real = http.create_connection
    monkeypatch.setattr(http, "create_connection", lambda *a, **k: made.append(a) or real(*a, **k))
    return made


def test_a_webhook_to_the_metadata_service_is_disabled_without_a_connection(
    home, make_notice, connections
):
    mallory = Subscription.objects.create(
        site=home.get_site(),
        channel="webhook",
        destination="https://169.254.169.254/latest/meta-data/",
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    mallory.refresh_from_db()
    assert mallory.disabled_at is not None
    assert "169.254.169.254" in mallory.disabled_reason
    assert connections == []


@pytest.fixture
def redirecting(receiver):
    """A receiver that answers every POST with a redirect to the other receiver."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()


def test_a_webhook_redirect_is_not_followed(home, receiver, redirecting, make_notice):
    hook = Subscription.objects.create(
        site=home.get_site(),
        channel="webhook",
        destination=redirecting,
        confirmed_at=timezone.now(),
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    assert receiver.requests == []
    delivery = Delivery.objects.get(subscription=hook)
    assert "307 redirect" in delivery.last_error


def test_the_sms_gateway_is_reached_through_the_safe_client(
    home, make_notice, settings, connections
):
    settings.SMS_GATEWAY_URL = "https://10.0.0.1/sms"
    Subscription.objects.create(
        site=home.get_site(), channel="sms", destination="+46701234567", confirmed_at=timezone.now()
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.QUEUED
    assert "10.0.0.1" in delivery.last_error and "not a public address" in delivery.last_error
    assert connections == []
