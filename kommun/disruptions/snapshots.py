"""
Snapshots: the status JSON, the banner fragment, the embeddable banner and the status page,
rendered once per change and written as files that nginx (or granian in `make run`) serves
without touching Python or the database. The app stays the fallback, and while the
database is down it answers these URLs from the same files (kommun/core/outage.py).

Layout, one directory per site and language:

    var/snapshots/<hostname>/index.json         URL path -> {language: file}
    var/snapshots/<hostname>/<lang>/status.json
    var/snapshots/<hostname>/<lang>/banner.html
    var/snapshots/<hostname>/<lang>/embed.html
    var/snapshots/<hostname>/<lang>/status.html

Each file is written to a temporary file in the same directory, fsynced and renamed over
the old one, so a reader sees the old file or the new one, never half of either. All of a
round is rendered before anything is written: if rendering fails (the database is down),
the last good files stay.
"""

import contextlib
import fcntl
import itertools
import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site
from wagtail.signals import published, unpublished

from kommun.core.resilience import Episode

from .models import Notice, NoticeUpdate, Service, StatusPage
from .summary import refresh_all_summaries

logger = logging.getLogger(__name__)

# The response header the outage middleware sets on a response served from a snapshot:
# such a response must never be written back as a new snapshot.
SERVED_FROM_SNAPSHOT = "X-Kommun-Snapshot"

# What is rendered -> the file it is written to, in the site's and language's directory.
FILES = {
    "status_json": "status.json",
    "banner": "banner.html",
    "embed": "embed.html",
    "status_page": "status.html",
}


class SnapshotError(Exception):
    pass


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


def snapshot_root():
    return Path(settings.SNAPSHOT_DIR)


def site_paths(site, language):
    """The URL path of each snapshot for a site in a language, or None when it has none."""
    with translation.override(language):
        status_page = StatusPage.objects.live().descendant_of(site.root_page, inclusive=True)
        status_page = status_page.first()
        if status_page is not None:
            status_page = status_page.localized  # the page in this language
        return {
            "status_json": reverse("api-v1:status"),
            "banner": reverse("banner-fragment"),
            "embed": reverse("embed-banner"),
            "status_page": status_page.get_url(current_site=site) if status_page else None,
        }


_handler = None


def _get_handler():
    # The full middleware stack, so that a snapshot is byte for byte what the app serves.
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def render(site, language, path, generated_at):
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    request = RequestFactory().get(
        path,
        HTTP_HOST=host,
        HTTP_ACCEPT_LANGUAGE=language,
        secure=site.port == 443,
    )
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
    # Read by the templates: every snapshot shows when it was made.
    request.snapshot_generated_at = generated_at
    with translation.override(language):
        response = _get_handler().get_response(request)
    if response.status_code != 200 or response.has_header(SERVED_FROM_SNAPSHOT):
        raise SnapshotError(f"{host}{path} ({language}) answered {response.status_code}")
    return response.content


def render_all(generated_at):
    """Renders every snapshot of every site and language: {relative file: bytes}, index."""
    rendered = {}
    for site in Site.objects.select_related("root_page"):
        routes = {}
        for language, _name in settings.LANGUAGES:
            for name, path in site_paths(site, language).items():
                if path is None:
                    continue
                relative = f"{site.hostname}/{language}/{FILES[name]}"
                rendered[relative] = render(site, language, path, generated_at)
                routes.setdefault(path, {})[language] = f"{language}/{FILES[name]}"
        index = {
            "generated_at": generated_at.isoformat(),
            "default_site": site.is_default_site,
            "routes": routes,
        }
        rendered[f"{site.hostname}/index.json"] = json.dumps(index, indent=1).encode()
    return rendered


def write_atomically(path, content):
    """Replaces path with content so that no reader ever sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; nginx runs as another user and must read it.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    # The rename itself survives a power cut only once the directory is on disk.
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@contextlib.contextmanager
def _exclusive():
    # The web process publishing and the scheduler may write at the same moment. Holding
    # the lock while rendering, not just while writing, means the later round also read
    # the later data, so an old state can never overwrite a newer one.
    root = snapshot_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_snapshots(now=None):
    """Renders and writes every snapshot; returns the Outcome and never raises."""
    generated_at = now or timezone.now()
    try:
        with _exclusive():
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


def read_snapshot(hostname, path, language):
    """
    The snapshot file answering a URL path, or None. An unknown host gets the default
    site's files, as Wagtail would serve it the default site.
    """
    root = snapshot_root()
    # The host name comes from the request: only a plain one may become part of a path.
    known_host = re.fullmatch(r"[a-z0-9.-]+", hostname or "") and ".." not in hostname
    candidates = [root / hostname / "index.json"] if known_host else []
    candidates += sorted(root.glob("*/index.json"))
    for index_path in candidates:
        try:
            index = json.loads(index_path.read_text())
        except (OSError, ValueError):
            continue
        if index_path.parent.name != hostname and not index.get("default_site"):
            continue
        files = index["routes"].get(path)
        if not files:
            return None
        relative = files.get(language) or files.get(settings.LANGUAGE_CODE)
        if relative is None:
            relative = next(iter(files.values()))
        try:
            return (index_path.parent / relative).read_bytes(), index["generated_at"]
        except OSError:
            return None
    return None


def purge_frontend_cache():
    """Asks the CDN or caching proxy to drop every URL a change of the status alters."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = set()
    for site in Site.objects.select_related("root_page"):
        for language, _name in settings.LANGUAGES:
            # The home page in this language, and "/", which sends readers to it.
            paths = set(site_paths(site, language).values()) | {"/", f"/{language}/"}
            with translation.override(language):
                paths |= {
                    reverse(name)
                    for name in (
                        "notices-rss",
                        "notices-atom",
                        "cap-atom",
                        "planned-ics",
                        "api-v1:notices",
                    )
                }
            urls |= {site.root_url + path for path in paths if path}
    purge_urls_from_cache(sorted(urls))


def publish_change():
    """After a change the public sees: new snapshots first, then the CDN told to refetch."""
    _local.round_started = next(_sequence)
    outcome = write_snapshots()
    try:
        purge_frontend_cache()
    except Exception:
        logger.exception("The frontend cache could not be purged")
    return outcome


def _schedule_after_commit():
    # A notice, its updates and its revision are saved in one transaction, each sending a
    # signal: the first round after the commit sees them all, and the rest have nothing
    # left to do. Both run in this thread, after the commit.
    requested = next(_sequence)

    def round_after_commit():
        if getattr(_local, "round_started", 0) < requested:
            publish_change()

    transaction.on_commit(round_after_commit)


@receiver(post_save, sender=Notice)
@receiver(post_delete, sender=Notice)
@receiver(post_save, sender=NoticeUpdate)
@receiver(post_delete, sender=NoticeUpdate)
@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
@receiver(published, sender=StatusPage)
@receiver(unpublished, sender=StatusPage)
def status_changed(sender, **kwargs):
    # After commit, in the request that made the change: the editor's save returns once the
    # files are written.
    _schedule_after_commit()
