import os
import signal
import socket
import threading

from django.core.management.base import BaseCommand

from kommun.alerts.sending import send_due


class Command(BaseCommand):
    help = "Sends queued notifications until stopped (SIGTERM or Ctrl-C finish the batch first)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="send what is due, then exit")
        parser.add_argument("--batch", type=int, help="deliveries claimed at a time")
        parser.add_argument("--idle", type=float, default=1.0, help="seconds to wait when idle")

    def handle(self, *args, once, batch, idle, **options):
        worker = f"{socket.gethostname()}:{os.getpid()}"
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        while not stopping.is_set():
            claimed = send_due(worker, batch)
            if once and not claimed:
                break
            if not claimed:
                stopping.wait(idle)
