"""
Fault test: a notification worker killed with SIGKILL in the middle of a fan-out, then a
new one started, loses no message, and sends no more duplicates than were in flight.

It runs real processes on 127.0.0.1 against a throwaway SQLite database: an aiosmtpd sink,
and `manage.py send_notifications` workers. It prints what the sink counted and exits 1
when a message is missing or there are more duplicates than one batch.

    .venv/bin/python scripts/fault_worker_kill.py [--subscribers N] [--batch N]
"""

import argparse
import collections
import email
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SINK = ROOT / "kommun" / "subscriptions" / "tests" / "smtp_sink.py"
sys.path.insert(0, str(ROOT))

from kommun.demo.benchmarks import environment, free_port, populate  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=400)
    parser.add_argument("--batch", type=int, default=25)
    options = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="kommun-fault-"))
    mail_dir = var / "mail"
    mail_dir.mkdir()
    port = free_port()
    env = environment(var, port, NOTIFY_LEASE_SECONDS=3, NOTIFY_BATCH=options.batch)

    import django

    django.setup()
    from kommun.subscriptions.models import Delivery

    populate(options.subscribers)
    queued = Delivery.objects.count()
    print(f"{queued} deliveries queued for {options.subscribers} subscribers")

    sink = subprocess.Popen(
        [sys.executable, str(SINK), str(port), str(mail_dir)], stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    worker_command = [sys.executable, str(ROOT / "manage.py"), "send_notifications"]
    try:
        first = subprocess.Popen(worker_command, env=env, cwd=ROOT)
        while len(list(mail_dir.glob("*.eml"))) < queued // 3:
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)  # mid-batch, without a chance to clean up
        first.wait()
        at_kill = len(list(mail_dir.glob("*.eml")))
        print(f"worker killed after {at_kill} messages")

        second = subprocess.Popen(worker_command, env=env, cwd=ROOT)
        deadline = time.monotonic() + 120
        while Delivery.objects.exclude(status=Delivery.Status.SENT).exists():
            if time.monotonic() > deadline:
                print("the second worker did not finish in time")
                return 1
            time.sleep(0.2)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    finally:
        sink.terminate()
        sink.wait()

    received = collections.Counter(
        email.message_from_bytes(path.read_bytes())["To"] for path in mail_dir.glob("*.eml")
    )
    missing = options.subscribers - len(received)
    duplicates = sum(count - 1 for count in received.values())
    print(
        f"received {sum(received.values())} messages for {len(received)} subscribers: "
        f"{missing} missing, {duplicates} duplicates (at most {options.batch} allowed)"
    )
    return 0 if missing == 0 and duplicates <= options.batch else 1


if __name__ == "__main__":
    sys.exit(main())
