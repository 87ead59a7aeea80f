"""
The whole process set, as `make run` starts it, rides out each dependency failing
(scripts/chaos.py says how). Slow, a few minutes: run with PostgreSQL and Redis, as
`make test-pg` and CI do, or with KOMMUN_CHAOS=1.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "chaos.py"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
OUTAGE = os.environ.get("CHAOS_OUTAGE_SECONDS", "15")

pytestmark = [
    pytest.mark.chaos,
    pytest.mark.skipif(
        not (DATABASE_URL.startswith("postgres") or os.environ.get("KOMMUN_CHAOS")),
        reason="the chaos tests run with PostgreSQL (make test-pg) or KOMMUN_CHAOS=1",
    ),
]


def chaos(*args):
    # Each run's own database and files; the suite's own test database is not touched.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--outage", OUTAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "all faults ridden out" in result.stdout


@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL")
def test_postgres_redis_smtp_and_a_read_only_disk_fail_and_the_site_answers_throughout():
    # Its own database on the same server: the suite's name with _chaos (kommun_ci_chaos).
    url = urlsplit(DATABASE_URL)
    own = urlunsplit(url._replace(path=f"{url.path.rstrip('/')}_chaos"))
    chaos("--database", "postgres", "--database-url", os.environ.get("CHAOS_DATABASE_URL", own))


def test_an_unreadable_sqlite_file_and_the_site_answers_throughout():
    chaos("--database", "sqlite")
