import os
import signal
import socket
import threading

from django.core.management.base import BaseCommand

from kommun.core.resilience import record_heartbeat, run_until_stopped
from kommun.subscriptions.sending import ChannelUnavailable, send_due


class Command(BaseCommand):
    help = (
        "Sends queued notifications until stopped (SIGTERM or Ctrl-C finish the batch first). "
        "A database, Redis or mail server fault is logged and retried with backoff."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="send what is due, then exit")
        parser.add_argument("--batch", type=int, help="deliveries claimed at a time")
        parser.add_argument("--idle", type=float, default=1.0, help="seconds to wait when idle")

    def handle(self, *args, once, batch, idle, **options):
        worker = f"{socket.gethostname()}:{os.getpid()}"
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())

        def step():
            claimed = send_due(worker, batch)
            record_heartbeat("notifier", claimed=claimed)
            if once and not claimed:
                stopping.set()
            return 0 if claimed else idle

        run_until_stopped(step, "Sending notifications", stopping, transient=(ChannelUnavailable,))
