"""
Riding out a dependency's fault in a long-running process (the scheduler, the notifier,
the tasks worker).

A database that restarts, a Redis that is stopped, a mail server or SMS gateway that does
not answer, a disk that is full or read-only: each is a fault that ends by itself. The
process keeps its loop, logs the fault once when it starts ("what failed, since when")
and once when it ends, waits a little longer after each failed round (backoff with
jitter, capped), and carries on when the dependency returns. It exits only when asked to
(SIGTERM, SIGINT). An error that is not one of these faults (a bug) still ends the
process, and the supervisor (scripts/supervise.py, systemd) starts it again.

Each process also records when its last round ended, in a small file under VAR_DIR/health,
which /readyz and the admin read (kommun/health/). A file, not the database or the cache,
because it must still be written while they are the thing that is down.
"""

import contextlib
import json
import logging
import os
import random
import tempfile
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import Error as DatabaseFault
from django.db import connections
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# OSError covers the mail server (smtplib's errors are OSErrors), sockets and the disk.
TRANSIENT = (DatabaseFault, RedisError, OSError)


def dependency_of(error):
    """The dependency an error comes from, in words for the log."""
    if isinstance(error, DatabaseFault):
        return "the database"
    if isinstance(error, RedisError):
        return "Redis"
    return getattr(error, "dependency", None) or "the disk or network"


def describe(error):
    return f"{type(error).__name__}: {error}".strip().rstrip(":")


class Episode:
    """
    One stretch of failures of one job: logged when it begins and when it ends, however
    many rounds fail in between. delay() says how long to wait before the next try.
    With log=None it only keeps the count, for a job that logs its own episodes.
    """

    def __init__(self, job, log=logger, first_delay=1.0, max_delay=30.0):
        self.job = job
        self.log = log
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.since = None
        self.failures = 0

    def _log(self, level, *args, **kwargs):
        if self.log is not None:
            self.log.log(level, *args, **kwargs)

    @property
    def failing(self):
        return self.since is not None

    def failed(self, error):
        self.failures += 1
        if self.since is None:
            self.since = datetime.now(UTC)
            self._log(
                logging.ERROR,
                "%s failed since %s: %s (%s); retrying with backoff, logged again when it works",
                self.job,
                self.since.isoformat(timespec="seconds"),
                dependency_of(error),
                describe(error),
                # A bug is worth its traceback; a dependency's fault is not.
                exc_info=not isinstance(error, TRANSIENT),
            )
        return self.delay()

    def delay(self):
        if not self.failures:
            return 0.0
        seconds = min(self.max_delay, self.first_delay * 2 ** (self.failures - 1))
        return seconds * random.uniform(0.75, 1.0)

    def succeeded(self):
        if self.since is not None:
            lasted = (datetime.now(UTC) - self.since).total_seconds()
            self._log(
                logging.WARNING,
                "%s works again after %.0f s (failing since %s, %d failed tries)",
                self.job,
                lasted,
                self.since.isoformat(timespec="seconds"),
                self.failures,
            )
        self.since = None
        self.failures = 0

    def _log(self, level, *args, **kwargs):
        if self.log is not None:
            self.log.log(level, *args, **kwargs)


def drop_connections():
    """After a fault, the next round opens fresh database connections."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):
            connection.close()


def run_until_stopped(step, job, stopping, transient=(), max_delay=30.0):
    """
    Calls step() until stopping is set. step returns how many seconds to wait before the
    next call; a transient fault waits with backoff instead and is logged per episode.
    """
    episode = Episode(job, max_delay=max_delay)
    while not stopping.is_set():
        try:
            wait = step()
        except TRANSIENT + tuple(transient) as error:
            wait = episode.failed(error)
            drop_connections()
        else:
            episode.succeeded()
        stopping.wait(wait)


def _heartbeat_path(name):
    return settings.VAR_DIR / "health" / f"{name}.json"


def record_heartbeat(name, **state):
    """Writes what a process's last round did; a disk fault is logged, never raised."""
    path = _heartbeat_path(name)
    state["at"] = datetime.now(UTC).isoformat()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as file:
                json.dump(state, file)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        logger.debug("The %s heartbeat could not be written: %s", name, error)


def read_heartbeat(name):
    """The last recorded state of a process, with its age in seconds, or None."""
    try:
        state = json.loads(_heartbeat_path(name).read_text())
        at = datetime.fromisoformat(state["at"])
    except (OSError, ValueError, KeyError):
        return None
    state["age_seconds"] = round(time.time() - at.timestamp(), 1)
    return state
