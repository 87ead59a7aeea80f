"""
Snapshots: the status JSON, the banner fragment, the embeddable banner and the status page,
rendered once per change and written as files that nginx (or granian in `make run`) serves
without touching Python or the database. The app stays the fallback, and while the
database is down it answers these URLs from the same files (outage.py).

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
import json
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

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


def snapshot_root():
    return Path(settings.SNAPSHOT_DIR)


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
def exclusive():
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
