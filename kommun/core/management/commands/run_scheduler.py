import logging
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Site

from kommun.alerts.fanout import delete_unconfirmed, queue_reminders
from kommun.disruptions.snapshots import write_snapshots
from kommun.disruptions.summary import get_status_summary

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Runs the time-driven jobs until stopped: publishes and unpublishes scheduled content "
        "and keeps the status summary current as planned work starts and ends."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between runs")
        parser.add_argument("--once", action="store_true", help="run the jobs once and exit")

    def handle(self, *args, interval, once, **options):
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        while not stopping.is_set():
            self.run_jobs()
            if once:
                break
            stopping.wait(interval)

    def run_jobs(self):
        try:
            call_command("publish_scheduled", verbosity=0)
            # Recomputes the summaries when a planned start or end time has passed.
            for site in Site.objects.all():
                for language, _name in settings.LANGUAGES:
                    get_status_summary(site, language)
            queue_reminders()
            delete_unconfirmed()
        except Exception:
            # One failed round (say, the database restarting) must not stop the scheduler.
            logger.exception("Scheduled jobs failed; trying again next round")
        # Every round, whatever changed: a planned start or end passes without any save,
        # and the files must follow within a round. Failures are logged and retried.
        write_snapshots()
