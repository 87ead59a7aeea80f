"""
Fan-out benchmark: N email subscribers (100,000 by default) all match one notice; the
time from publishing it until the last message is accepted by a local SMTP sink, with
two worker processes. For comparison, Postfix's smtp-source sends the same number of
messages to the same sink in the same run.

Needs Debian's postfix package for smtp-sink and smtp-source (apt-get install postfix).
Runs on a throwaway SQLite database; everything listens on 127.0.0.1 only.

    .venv/bin/python bench/fanout.py [--subscribers N] [--workers N] [--batch N]
"""

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kommun.demo.benchmarks import environment, free_port, populate  # noqa: E402


def start_sink(port):
    sink = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
    # -u nobody: smtp-sink refuses to run as root otherwise.
    process = subprocess.Popen(
        [sink, "-u", "nobody", "-m", "100", f"127.0.0.1:{port}", "1024"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    raise SystemExit("smtp-sink did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=500)
    options = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="kommun-fanout-"))
    port = free_port()
    env = environment(var, port, NOTIFY_BATCH=options.batch)

    import django

    django.setup()
    from kommun.subscriptions.models import Delivery

    print(f"database: SQLite in {var}; {options.subscribers:,} confirmed email subscribers")
    sink = start_sink(port)
    workers = []
    try:
        published = populate(options.subscribers)
        started = time.perf_counter() - published  # publishing is populate's last step
        queued = Delivery.objects.count()
        print(f"publish, with {queued:,} delivery rows in its transaction: {published:.1f} s")

        workers = [
            subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "send_notifications", "--idle", "0.2"],
                env=env,
                cwd=ROOT,
            )
            for _ in range(options.workers)
        ]
        while Delivery.objects.filter(status=Delivery.Status.QUEUED).exists():
            time.sleep(0.25)
        total = time.perf_counter() - started
        sent = Delivery.objects.filter(status=Delivery.Status.SENT).count()
        rate = sent / (total - published)
        print(
            f"{sent:,} messages accepted by smtp-sink {total:.1f} s after publishing began, "
            f"{total - published:.1f} s of sending with {options.workers} workers: "
            f"{rate:,.0f} messages/s (target >= 2,000)"
        )
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)

    source = shutil.which("smtp-source") or "/usr/sbin/smtp-source"
    started = time.perf_counter()
    subprocess.run(
        [
            source,
            "-s",
            "10",
            "-m",
            str(options.subscribers),
            "-l",
            "2000",
            "-f",
            "bench@example.org",
            "-t",
            "r@example.org",
            f"127.0.0.1:{port}",
        ],
        check=True,
    )
    elapsed = time.perf_counter() - started
    print(
        f"smtp-source, {options.subscribers:,} messages of 2 kB over 10 sessions to the same "
        f"sink: {elapsed:.1f} s, {options.subscribers / elapsed:,.0f} messages/s"
    )
    sink.terminate()
    sink.wait()


if __name__ == "__main__":
    main()
