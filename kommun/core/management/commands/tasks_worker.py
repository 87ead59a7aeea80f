"""
django-tasks-db's own worker, kept running through database faults.

Its `db_worker` re-raises any OperationalError but a locked SQLite file, so a database
restart ends the process. This command runs the same Worker in a loop: a lost
connection is logged once per episode, the connections are dropped, and the worker
starts again after a backoff. SIGTERM and SIGINT still go to the worker's own handlers:
it finishes the task it is running and exits.
"""

import logging
import time

from django.db import Error as DatabaseFault
from django.db import connection
from django_tasks_db.management.commands import db_worker

from kommun.core.resilience import Episode, drop_connections

logger = logging.getLogger(__name__)


class ResilientWorker(db_worker.Worker):
    def run(self):
        episode = Episode("Running background tasks", logger)
        while self.running:
            try:
                if episode.failing:
                    connection.ensure_connection()  # back before taking work again
                    episode.succeeded()
                super().run()
                return
            except DatabaseFault as error:
                drop_connections()
                time.sleep(episode.failed(error))


class Command(db_worker.Command):
    help = (
        "Runs background tasks (django-tasks-db's db_worker, same options) and rides out "
        "database faults: logged once, retried with backoff."
    )

    def handle(self, *args, **options):
        # The library's own command, start-up, options and signal handling, with this
        # worker in place of its own (the command looks the class up in its module).
        db_worker.Worker = ResilientWorker
        return super().handle(*args, **options)
