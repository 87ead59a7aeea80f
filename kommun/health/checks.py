"""
What /readyz reports and the admin warns about: the database, the cache, the scheduler's
last round, the age of the notifier's queue and of the status snapshots. Each check
answers {"ok": bool, ...} and never raises: it is read while something is down.
"""

import json
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseFault
from django.db import connection
from django.utils import timezone

from kommun.core.resilience import describe, read_heartbeat


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseFault as error:
        return {"ok": False, "error": describe(error)}
    return {"ok": True}


def cache_state():
    # The cache fails open (kommun/core/cache.py): a value that does not come back is
    # how an unreachable Redis shows.
    key, token = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    ok = cache.get(key) == token
    cache.delete(key)
    return {"ok": ok} if ok else {"ok": False, "error": "a value written could not be read back"}


def scheduler():
    state = read_heartbeat("scheduler")
    if state is None:
        return {"ok": False, "error": "the scheduler has not finished a round"}
    ok = state["age_seconds"] <= settings.HEALTH_SCHEDULER_MAX_AGE and state.get("jobs_ok")
    return {"ok": bool(ok), "last_round": state["at"], "age_seconds": state["age_seconds"]}


def notifier_queue(now=None):
    """The oldest delivery that is due and not yet sent: its wait is the queue's age."""
    from kommun.subscriptions.models import Delivery

    now = now or timezone.now()
    try:
        oldest = (
            Delivery.objects.filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("next_attempt_at", flat=True)
            .first()
        )
    except DatabaseFault as error:
        return {"ok": False, "error": describe(error)}
    age = round((now - oldest).total_seconds(), 1) if oldest else 0.0
    state = read_heartbeat("notifier")
    return {
        "ok": age <= settings.HEALTH_QUEUE_MAX_AGE,
        "oldest_due": oldest.isoformat() if oldest else None,
        "age_seconds": age,
        "last_round_age_seconds": state["age_seconds"] if state else None,
    }


def snapshots(now=None):
    """The oldest site's snapshots, as their index files say, and the last write's error."""
    now = now or datetime.now(UTC)
    made = []
    for index in sorted(settings.SNAPSHOT_DIR.glob("*/index.json")):
        try:
            made.append(datetime.fromisoformat(json.loads(index.read_text())["generated_at"]))
        except (OSError, ValueError, KeyError):
            continue
    if not made:
        return {"ok": False, "error": "no snapshots have been written"}
    oldest = min(made)
    age = round((now - oldest).total_seconds(), 1)
    answer = {
        "ok": age <= settings.HEALTH_SNAPSHOT_MAX_AGE,
        "generated_at": oldest.isoformat(),
        "age_seconds": age,
    }
    state = read_heartbeat("scheduler")
    if state and not state.get("snapshots_ok", True):
        answer["error"] = state.get("snapshot_error") or "the last write failed"
    return answer


def readiness():
    checks = {
        "database": database(),
        "cache": cache_state(),
        "scheduler": scheduler(),
        "notifier_queue": notifier_queue(),
        "snapshots": snapshots(),
    }
    return all(check["ok"] for check in checks.values()), checks
