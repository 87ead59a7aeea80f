import logging
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Site

from kommun.core.resilience import Episode, drop_connections, record_heartbeat
from kommun.disruptions.summary import get_status_summary
from kommun.snapshots.rounds import write_snapshots
from kommun.subscriptions.fanout import delete_unconfirmed, queue_reminders

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Runs the time-driven jobs until stopped: publishes and unpublishes scheduled content "
        "and keeps the status summary current as planned work starts and ends. A failed "
        "round (the database or the disk) is logged once and retried with backoff."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between runs")
        parser.add_argument("--once", action="store_true", help="run the jobs once and exit")

    def handle(self, *args, interval, once, **options):
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        # Never longer than a round apart, so that work resumes within a round of the fault.
        self.jobs = Episode("The scheduled jobs", logger, max_delay=interval)
        # write_snapshots logs its own episodes; this one only paces the retries.
        self.snapshots = Episode("Writing the status snapshots", None, max_delay=interval)
        while not stopping.is_set():
            self.run_round()
            if once:
                break
            stopping.wait(max(self.jobs.delay(), self.snapshots.delay()) or interval)

    def run_round(self):
        try:
            self.run_jobs()
        except Exception as error:
            # One failed round (say, the database restarting) must not stop the scheduler.
            self.jobs.failed(error)
            drop_connections()
        else:
            self.jobs.succeeded()
        # Every round, whatever changed: a planned start or end passes without any save,
        # and the files must follow within a round. A failed write leaves the last files.
        outcome = write_snapshots()
        if outcome.ok:
            self.snapshots.succeeded()
        else:
            self.snapshots.failed(outcome.error)
            drop_connections()
        record_heartbeat(
            "scheduler",
            jobs_ok=not self.jobs.failing,
            snapshots_ok=outcome.ok,
            snapshot_error=outcome.error,
        )

    def run_jobs(self):
        call_command("publish_scheduled", verbosity=0)
        # Each municipality in turn, named: its summaries are recomputed when a planned start
        # or end time has passed, and its reminders keep to its own clock.
        for site in Site.objects.all():
            for language, _name in settings.LANGUAGES:
                get_status_summary(site, language)
            queue_reminders(site)
        delete_unconfirmed()
