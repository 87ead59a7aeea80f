"""
A snapshot round: after every change (in the request that made it, after the commit) and
every 30 seconds from the scheduler, every snapshot is rendered and written, then the CDN
is told what changed. files.py says what the files are; render.py how they are made.
"""

import itertools
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kommun.core.resilience import Episode
from kommun.disruptions.summary import refresh_all_summaries

from .files import exclusive, snapshot_root, write_atomically
from .purge import purge_frontend_cache
from .render import render_all

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What the last round in this thread did, for the admin message or API header."""

    ok: bool
    generated_at: datetime
    error: str = ""
    files: list = field(default_factory=list)


_local = threading.local()
# Logged once when writing starts to fail and once when it works again, in each process.
_writes = Episode("Writing the status snapshots", logger)
_sequence = itertools.count(1)


def last_outcome():
    return getattr(_local, "outcome", None)


def forget_outcome():
    _local.outcome = None


def write_snapshots(now=None):
    """Renders and writes every snapshot; returns the Outcome and never raises."""
    generated_at = now or timezone.now()
    try:
        with exclusive():
            # The banner reads the cached summary: recompute it, so the snapshot cannot
            # show a summary from before the change that asked for this round.
            refresh_all_summaries(generated_at)
            rendered = render_all(generated_at)
            root = snapshot_root()
            for relative, content in rendered.items():
                write_atomically(root / relative, content)
        outcome = Outcome(ok=True, generated_at=generated_at, files=sorted(rendered))
        _writes.succeeded()
    except Exception as error:
        _writes.failed(error)
        outcome = Outcome(ok=False, generated_at=generated_at, error=str(error) or repr(error))
    _local.outcome = outcome
    return outcome


def publish_change():
    """After a change the public sees: new snapshots first, then the CDN told to refetch."""
    _local.round_started = next(_sequence)
    outcome = write_snapshots()
    try:
        purge_frontend_cache()
    except Exception:
        logger.exception("The frontend cache could not be purged")
    return outcome


def schedule_after_commit():
    # A notice, its updates and its revision are saved in one transaction, each sending a
    # signal: the first round after the commit sees them all, and the rest have nothing
    # left to do. Both run in this thread, after the commit.
    requested = next(_sequence)

    def round_after_commit():
        if getattr(_local, "round_started", 0) < requested:
            publish_change()

    transaction.on_commit(round_after_commit)
