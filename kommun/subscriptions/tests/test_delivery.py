"""Webhooks, reminders and what happens to claims when a worker disappears."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from kommun.disruptions.models import Notice
from kommun.subscriptions.channels.webhook import SIGNATURE_HEADER, sign, verify
from kommun.subscriptions.fanout import delete_unconfirmed, queue_reminders
from kommun.subscriptions.models import Delivery, Subscription
from kommun.subscriptions.sending import claim, send_due


def hook(url, **fields):
    return Subscription.objects.create(
        site=Site.objects.get(is_default_site=True),  # Testby
        channel="webhook",
        destination=url,
        confirmed_at=timezone.now(),
        **fields,
    )


def test_a_webhook_gets_json_signed_with_hmac_sha256_that_verifies(home, receiver, make_notice):
    hook(receiver.url, webhook_secret="hemligt")
    notice = make_notice(headline="Vattenläcka", severity=Notice.Severity.CRITICAL)
    send_due("test-worker")

    headers, body = receiver.requests[0]
    signature = dict(part.split("=", 1) for part in headers[SIGNATURE_HEADER].split(","))
    assert abs(int(signature["t"]) - time.time()) < 60
    signed = f"{signature['t']}.".encode() + body
    expected = hmac.new(b"hemligt", signed, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature["v1"], expected)
    assert verify("hemligt", headers[SIGNATURE_HEADER], body)
    data = json.loads(body)
    assert data["event"] == "new"
    assert data["notice"]["id"] == notice.pk
    assert headers["Idempotency-Key"] == data["delivery"]


def test_a_captured_webhook_cannot_be_replayed_later_or_retimed():
    body = b'{"event": "new"}'
    then = int(time.time()) - 3600
    captured = sign("hemligt", body, then)
    assert verify("hemligt", captured, body, now=then + 10)
    assert not verify("hemligt", captured, body)  # an hour old: refused
    # Mallory puts a fresh time on the old signature: it no longer verifies.
    retimed = captured.replace(f"t={then}", f"t={int(time.time())}")
    assert not verify("hemligt", retimed, body)
    assert not verify("hemligt", captured, b'{"event": "resolved"}', now=then)
    assert not verify("hemligt", "sha256=0123", body)


def test_slack_and_teams_get_a_text_payload(home, receiver, make_notice):
    hook(receiver.url, webhook_format="slack")
    make_notice(headline="Vattenläcka", severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    payload = json.loads(receiver.requests[0][1])
    assert set(payload) == {"text"}
    assert "Vattenläcka" in payload["text"]


def test_a_410_disables_the_webhook_and_a_503_is_retried(home, receiver, make_notice):
    gone = hook(receiver.url)
    receiver.status = 410
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    gone.refresh_from_db()
    assert gone.disabled_at is not None and gone.disabled_reason == "HTTP 410"

    busy = hook(receiver.url)
    receiver.status = 503
    make_notice(headline="Två", severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    retry = Delivery.objects.get(subscription=busy)
    assert retry.status == Delivery.Status.QUEUED and retry.attempts == 1


def test_after_the_last_attempt_a_delivery_fails_with_the_reason(
    home, receiver, make_notice, settings
):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    hook(receiver.url)
    receiver.status = 503
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    failed = Delivery.objects.get()
    assert failed.status == Delivery.Status.FAILED
    assert failed.last_error == "gave up after 1 attempts: HTTP 503"


def test_claims_of_a_vanished_worker_return_to_the_queue_after_the_lease(
    home, receiver, make_notice, settings
):
    hook(receiver.url)
    make_notice(severity=Notice.Severity.CRITICAL)
    now = timezone.now()
    assert len(claim("worker-that-dies", now=now)) == 1
    assert claim("other", now=now + timedelta(seconds=5)) == []
    after_lease = now + timedelta(seconds=settings.NOTIFY_LEASE_SECONDS + 1)
    taken_over = claim("other", now=after_lease)
    assert [d.claimed_by for d in taken_over] == ["other"]


def test_planned_work_gets_one_reminder_before_it_starts(home, receiver, make_notice, settings):
    hook(receiver.url)
    settings.REMINDER_LEAD_HOURS = 12
    soon = make_notice(kind=Notice.Kind.PLANNED, starts=timedelta(hours=10))
    make_notice(kind=Notice.Kind.PLANNED, starts=timedelta(hours=30))
    Delivery.objects.all().delete()  # the messages about publishing them

    queue_reminders(home.get_site())
    queue_reminders(home.get_site())  # the scheduler runs every 30 seconds: still one reminder
    reminders = Delivery.objects.filter(kind=Delivery.Kind.REMINDER)
    assert [d.notice_id for d in reminders] == [soon.pk]


def test_unconfirmed_requests_are_deleted_after_48_hours(home):
    old = Subscription.objects.create(
        site=home.get_site(), channel="email", destination="a@example.org"
    )
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=49))
    Subscription.objects.create(site=home.get_site(), channel="email", destination="b@example.org")
    assert delete_unconfirmed() == 1
    assert list(Subscription.objects.values_list("destination", flat=True)) == ["b@example.org"]


def test_staff_see_delivery_state_per_notice_in_the_admin(client, alice, receiver, make_notice):
    hook(receiver.url)
    receiver.status = 503
    notice = make_notice(headline="Vattenläcka", severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    client.force_login(alice)
    response = client.get("/admin/delivery/", {"notice": notice.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vattenläcka" in page and "HTTP 503" in page


def test_sending_keeps_to_the_channels_rate_limit(home, receiver, make_notice, settings):
    settings.NOTIFY_RATES = {"webhook": 5}
    for _ in range(12):
        hook(receiver.url)
    make_notice(severity=Notice.Severity.CRITICAL)
    started = time.monotonic()
    send_due("test-worker")
    elapsed = time.monotonic() - started
    assert len(receiver.requests) == 12
    # 12 messages at 5 a second span at least two second boundaries.
    assert elapsed >= 1.0
    per_second = {}
    for stamp in receiver.stamps:
        per_second[int(stamp)] = per_second.get(int(stamp), 0) + 1
    assert max(per_second.values()) <= 5


def test_the_developer_page_tells_receivers_to_reject_old_signatures(rita, home):
    page = rita.get("/sv/utvecklare/").content.decode()
    assert "Kommun-Signature: t=…,v1=…" in page
    assert "fem minuter" in page
