"""
The database goes away while Rita is looking for the status, and comes back.

The outage is real: the connection is pointed at a database that cannot be reached (a
SQLite file in a directory that does not exist, or a PostgreSQL port nothing listens on),
so every query fails in the database driver exactly as it does when the server is stopped.
"""

import contextlib
import json
import socket

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client

from kommun.snapshots.rounds import write_snapshots


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_stopped(tmp_path):
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "gone" / "kommun.sqlite3")
    else:
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = str(free_port())
    try:
        with pytest.raises(OperationalError):
            connection.ensure_connection()
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def rita_during_outage():
    # The test client would re-raise the database error the app handled; a browser doesn't.
    return Client(raise_request_exception=False)


@pytest.fixture
def last_known_state(transactional_db, make_notice):
    make_notice(headline="Vattenläcka på Storgatan")
    outcome = write_snapshots()
    assert outcome.ok, outcome.error
    return outcome


def test_the_status_answers_from_the_last_snapshot_while_the_database_is_down(
    last_known_state, rita_during_outage, tmp_path
):
    # The status JSON and banner can also be answered from a still-fresh summary in the
    # cache; without one, only the snapshots are left.
    cache.clear()
    with database_stopped(tmp_path):
        page = rita_during_outage.get("/sv/driftinformation/")
        status = rita_during_outage.get("/api/v1/status")
        banner = rita_during_outage.get("/sv/banner/")
        embed = rita_during_outage.get("/embed/banner/", headers={"accept-language": "en"})

    for response in (page, status, banner, embed):
        assert response.status_code == 200
        assert response["X-Kommun-Snapshot"] == last_known_state.generated_at.isoformat()
    soup = BeautifulSoup(page.content, "html.parser")
    assert "Vattenläcka på Storgatan" in soup.get_text()
    assert soup.select_one(".snapshot-time").get_text().startswith("Läget per")
    assert status["Content-Type"] == "application/json"
    body = json.loads(status.content)
    assert body["ongoing"] == 1 and body["generated_at"]
    assert "Right now we have 1 ongoing disruption" in embed.content.decode()


def test_the_admin_and_the_api_say_503_without_a_stack_trace(
    last_known_state, rita_during_outage, alice, tmp_path
):
    editor = Client(raise_request_exception=False)
    editor.force_login(alice)
    with database_stopped(tmp_path):
        admin = editor.get("/admin/")
        api = rita_during_outage.get("/api/v1/notices")
        other_page = rita_during_outage.get("/uk/nyheter/")

    assert admin.status_code == 503
    assert "databas" in admin.content.decode()
    assert "Traceback" not in admin.content.decode()
    assert admin["Retry-After"] == "30"
    assert api.status_code == 503
    assert api["Content-Type"] == "application/json"
    assert "databas inte kan nås" in api.json()["detail"]
    assert other_page.status_code == 503
    assert "Тимчасово недоступно" in other_page.content.decode()


def test_everything_recovers_when_the_database_returns_without_a_restart(
    last_known_state, rita_during_outage, tmp_path
):
    with database_stopped(tmp_path):
        assert rita_during_outage.get("/api/v1/notices").status_code == 503

    page = rita_during_outage.get("/sv/driftinformation/")
    notices = rita_during_outage.get("/api/v1/notices")

    assert page.status_code == 200 and not page.has_header("X-Kommun-Snapshot")
    assert notices.status_code == 200
    assert [n["headline"] for n in notices.json()["items"]] == ["Vattenläcka på Storgatan"]
    assert write_snapshots().ok


def test_a_snapshot_is_never_written_from_a_snapshot(last_known_state, tmp_path):
    with database_stopped(tmp_path):
        outcome = write_snapshots()
    assert outcome.ok is False


def test_another_host_name_gets_the_default_sites_snapshot(
    last_known_state, rita_during_outage, tmp_path, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()
    with database_stopped(tmp_path):
        response = rita_during_outage.get("/api/v1/status", headers={"host": "kommun.test"})

    assert response.status_code == 200
    assert response["X-Kommun-Snapshot"] == last_known_state.generated_at.isoformat()
    assert response.json()["ongoing"] == 1
