"""Faults: the mail server or a worker goes away mid-fan-out; nothing is lost."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as settings_module
from django.utils import timezone

from kommun.disruptions.models import Notice
from kommun.subscriptions.channels.base import ChannelUnavailable
from kommun.subscriptions.models import Delivery, Subscription
from kommun.subscriptions.sending import send_due

SUBSCRIBERS = 30


def test_an_smtp_outage_loses_no_message(home, smtp, make_notice, settings):
    settings.NOTIFY_BATCH = 10
    Subscription.objects.bulk_create(
        Subscription(
            site=home.get_site(),
            channel="email",
            destination=f"r{n}@example.org",
            confirmed_at=timezone.now(),
        )
        for n in range(SUBSCRIBERS)
    )
    make_notice(headline="Kokningsrekommendation", severity=Notice.Severity.CRITICAL)

    send_due("worker")  # the first batch goes out
    smtp.wait_for(10)
    smtp.stop()  # the mail server goes down
    with pytest.raises(ChannelUnavailable):  # the worker backs off and tries again
        send_due("worker")
    # The server's outage is no fault of the deliveries: back in the queue as they were.
    waiting = Delivery.objects.filter(status=Delivery.Status.QUEUED)
    assert waiting.count() == SUBSCRIBERS - 10
    assert not waiting.filter(attempts__gt=0).exists()
    assert not waiting.filter(lease_until__isnull=False).exists()

    smtp.start()  # and comes back
    while send_due("worker"):
        pass

    received = smtp.wait_for(SUBSCRIBERS)
    recipients = sorted(message["To"] for message in received)
    assert recipients == sorted(f"r{n}@example.org" for n in range(SUBSCRIBERS))
    assert not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()


def test_a_worker_killed_mid_fan_out_loses_nothing_and_duplicates_stay_in_flight_bounds():
    """Real worker processes, SIGKILL, a restart; counted at a real SMTP server."""
    script = Path(settings_module.BASE_DIR) / "scripts" / "fault_worker_kill.py"
    result = subprocess.run(
        [sys.executable, str(script), "--subscribers", "200", "--batch", "20"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "for 200 subscribers: 0 missing" in result.stdout


def test_the_notifier_rides_out_a_lost_database_and_says_so_once(monkeypatch, caplog, settings):
    """The database refuses the notifier twice, then answers: it carries on, no exit."""
    import logging
    import os
    import signal

    from django.core.management import call_command
    from django.db import OperationalError

    from kommun.subscriptions.management.commands import send_notifications

    settings.VAR_DIR = Path(settings_module.VAR_DIR) / "test-heartbeats"
    rounds = []

    def database_away_for_two_rounds(worker, batch):
        rounds.append(worker)
        if len(rounds) <= 2:
            raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')
        os.kill(os.getpid(), signal.SIGTERM)  # the operator stops it once it works again
        return 0

    monkeypatch.setattr(send_notifications, "send_due", database_away_for_two_rounds)
    caplog.set_level(logging.WARNING, logger="kommun")
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        call_command("send_notifications")  # before: OperationalError ended the process
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)

    assert len(rounds) == 3
    said = [record.getMessage() for record in caplog.records]
    failed = [line for line in said if "failed since" in line]
    assert len(failed) == 1, said  # once per episode, not once per try
    assert "the database" in failed[0] and "OperationalError" in failed[0]
    assert any("works again" in line for line in said)
