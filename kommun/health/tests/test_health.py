"""
Olle runs the installation: his monitoring asks /healthz and /readyz every minute, and
the editors see on their dashboard when the status files or the notifications are stuck.
"""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from kommun.core.resilience import record_heartbeat
from kommun.snapshots.rounds import write_snapshots
from kommun.snapshots.tests.test_outage import database_stopped
from kommun.subscriptions.models import Delivery, Subscription


@pytest.fixture
def olles_monitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def running_installation(transactional_db, make_notice, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    make_notice(headline="Vattenläcka på Storgatan")
    assert write_snapshots().ok
    record_heartbeat("scheduler", jobs_ok=True, snapshots_ok=True, snapshot_error="")


def test_healthz_answers_from_the_web_process_while_the_database_is_down(
    olles_monitor, transactional_db, tmp_path
):
    with database_stopped(tmp_path):
        response = olles_monitor.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    # No shared cache may answer for a web process that has stopped.
    assert response["Cache-Control"] == "no-store"


def test_readyz_says_each_dependency_is_well(olles_monitor, running_installation):
    response = olles_monitor.get("/readyz")
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    answer = json.loads(response.content)
    assert answer["ready"] is True
    assert set(answer["checks"]) == {
        "database",
        "cache",
        "scheduler",
        "notifier_queue",
        "snapshots",
    }
    assert answer["checks"]["snapshots"]["age_seconds"] < 60


def test_readyz_answers_503_naming_the_database_while_it_is_down(
    olles_monitor, running_installation, tmp_path
):
    with database_stopped(tmp_path):
        response = olles_monitor.get("/readyz")
    assert response.status_code == 503
    answer = json.loads(response.content)
    assert answer["ready"] is False
    assert answer["checks"]["database"]["ok"] is False
    assert "OperationalError" in answer["checks"]["database"]["error"]
    assert answer["checks"]["notifier_queue"]["ok"] is False
    # What does not need the database is still reported as it is.
    assert answer["checks"]["snapshots"]["ok"] is True


def test_readyz_reports_old_snapshots_and_a_stuck_queue(
    olles_monitor, running_installation, make_notice
):
    rita = Subscription.objects.create(
        site=Site.objects.get(is_default_site=True),  # Testby
        channel="email",
        destination="rita@example.org",
        confirmed_at=timezone.now(),
    )
    Delivery.objects.create(
        subscription=rita,
        notice=make_notice(headline="Avstängt vatten"),
        kind=Delivery.Kind.NEW,
        next_attempt_at=timezone.now() - timedelta(minutes=10),
    )
    # The scheduler's writes fail from now on: the files stay as they were three minutes ago.
    write_snapshots(now=timezone.now() - timedelta(minutes=3))
    record_heartbeat("scheduler", jobs_ok=True, snapshots_ok=False, snapshot_error="read-only")
    answer = json.loads(olles_monitor.get("/readyz").content)
    assert answer["ready"] is False
    assert answer["checks"]["snapshots"]["ok"] is False
    assert answer["checks"]["snapshots"]["error"] == "read-only"
    assert answer["checks"]["notifier_queue"]["ok"] is False
    assert answer["checks"]["notifier_queue"]["age_seconds"] >= 600


def test_the_dashboard_says_when_the_status_files_are_old(client, alice, running_installation):
    client.force_login(alice)
    assert "Något behöver åtgärdas" not in client.get("/admin/").content.decode()

    write_snapshots(now=timezone.now() - timedelta(minutes=5))
    page = client.get("/admin/").content.decode()
    assert "Något behöver åtgärdas" in page
    assert "schemaläggaren" in page


def test_the_scheduler_reports_a_failed_snapshot_write_and_writes_again_later(
    olles_monitor, running_installation, settings, tmp_path
):
    from django.core.management import call_command

    good = settings.SNAPSHOT_DIR
    kept = (good / "localhost" / "sv" / "status.json").read_bytes()
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")  # as a full or read-only disk, a write fails
    settings.SNAPSHOT_DIR = blocked / "snapshots"
    call_command("run_scheduler", "--once")  # the round ends; it does not raise

    settings.SNAPSHOT_DIR = good
    answer = json.loads(olles_monitor.get("/readyz").content)
    assert "Not a directory" in answer["checks"]["snapshots"]["error"]
    assert (good / "localhost" / "sv" / "status.json").read_bytes() == kept

    call_command("run_scheduler", "--once")  # the disk is back: the next round writes
    answer = json.loads(olles_monitor.get("/readyz").content)
    assert "error" not in answer["checks"]["snapshots"]
    assert answer["checks"]["scheduler"]["ok"] is True
