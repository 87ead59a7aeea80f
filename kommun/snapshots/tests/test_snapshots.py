"""
The pre-rendered status files: Alice's every change rewrites them, the scheduler catches
what the clock changes, and a reader never sees half a file.
"""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kommun.disruptions.models import Notice, NoticeUpdate
from kommun.snapshots.files import write_atomically
from kommun.snapshots.rounds import write_snapshots

ALL_CLEAR = "Just nu har vi inga pågående driftstörningar"
ONE_ONGOING = "Just nu har vi 1 pågående driftstörning"


def status_json(snapshot_dir, language="sv"):
    return json.loads((snapshot_dir / "localhost" / language / "status.json").read_text())


def snapshot_html(snapshot_dir, name, language="sv"):
    path = snapshot_dir / "localhost" / language / name
    return BeautifulSoup(path.read_text(), "html.parser")


def banner_headline(snapshot_dir, language="sv"):
    soup = snapshot_html(snapshot_dir, "banner.html", language)
    return soup.select_one(".banner__text").get_text(strip=True)


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Runs a change and what its commit triggers, as a request to the admin or API does."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def test_publishing_a_notice_writes_every_snapshot_in_every_language(
    published, make_notice, snapshot_dir
):
    published(lambda: make_notice(headline="Vattenläcka på Storgatan"))

    assert status_json(snapshot_dir)["ongoing"] == 1
    assert banner_headline(snapshot_dir) == ONE_ONGOING
    assert banner_headline(snapshot_dir, "en") == "Right now we have 1 ongoing disruption"
    page = snapshot_html(snapshot_dir, "status.html")
    assert "Vattenläcka på Storgatan" in page.get_text()
    embed = snapshot_html(snapshot_dir, "embed.html", "uk")
    assert embed.html["lang"] == "uk"
    index = json.loads((snapshot_dir / "localhost" / "index.json").read_text())
    assert index["routes"]["/uk/driftinformation/"]["uk"] == "uk/status.html"


def test_every_snapshot_says_when_it_was_generated(published, make_notice, snapshot_dir):
    published(lambda: make_notice())
    generated = timezone.localtime(timezone.now()).strftime("%H:")

    for name in ("banner.html", "status.html", "embed.html"):
        stamp = snapshot_html(snapshot_dir, name).select_one(".snapshot-time").get_text()
        assert stamp.startswith("Läget per") and generated in stamp, name
    json_generated = status_json(snapshot_dir)["generated_at"]
    assert abs(timezone.datetime.fromisoformat(json_generated) - timezone.now()) < timedelta(
        minutes=1
    )


def test_the_live_pages_do_not_carry_the_snapshot_stamp(rita, make_notice):
    make_notice()
    assert BeautifulSoup(rita.get("/sv/").content, "html.parser").select(".snapshot-time") == []


def test_an_update_rewrites_the_snapshots(published, make_notice, snapshot_dir):
    notice = published(lambda: make_notice(headline="Vattenläcka"))

    def update():
        notice.headline = "Vattenläcka – tankbil på torget"
        notice.updates.add(NoticeUpdate(text="Tankbilen står på torget."))
        notice.publish_change()

    published(update)
    assert "Vattenläcka – tankbil på torget" in snapshot_html(snapshot_dir, "banner.html").text
    assert status_json(snapshot_dir)["most_severe"]["headline"] == notice.headline


def test_resolving_a_notice_rewrites_the_snapshots(published, make_notice, snapshot_dir):
    notice = published(lambda: make_notice())
    assert banner_headline(snapshot_dir) == ONE_ONGOING

    def resolve():
        notice.ended_at = timezone.now()
        notice.publish_change()

    published(resolve)
    assert banner_headline(snapshot_dir) == ALL_CLEAR
    assert status_json(snapshot_dir)["recently_resolved"] == 1


def test_cancelling_a_notice_rewrites_the_snapshots(published, make_notice, snapshot_dir):
    notice = published(lambda: make_notice(kind=Notice.Kind.PLANNED, starts=timedelta(hours=2)))
    assert status_json(snapshot_dir)["planned"] == 1

    def cancel():
        notice.cancel(timezone.now())
        notice.publish_change()

    published(cancel)
    assert status_json(snapshot_dir)["planned"] == 0


def test_unpublishing_a_notice_rewrites_the_snapshots(published, make_notice, snapshot_dir):
    notice = published(lambda: make_notice())
    published(lambda: notice.unpublish())
    assert banner_headline(snapshot_dir) == ALL_CLEAR


def test_planned_work_starting_is_caught_by_the_scheduler(make_notice, snapshot_dir):
    start = timezone.now() + timedelta(seconds=2)
    make_notice(headline="Ledningsbyte", kind=Notice.Kind.PLANNED, starts=start)
    call_command("run_scheduler", "--once")
    assert status_json(snapshot_dir)["ongoing"] == 0
    assert status_json(snapshot_dir)["planned"] == 1

    # Nothing is saved at the start: only the clock passes it.
    time.sleep(max(0, (start - timezone.now()).total_seconds()) + 0.1)
    call_command("run_scheduler", "--once")

    assert status_json(snapshot_dir)["ongoing"] == 1
    assert banner_headline(snapshot_dir) == ONE_ONGOING


def test_a_scheduled_end_is_caught_by_the_scheduler(make_notice, snapshot_dir):
    end = timezone.now() + timedelta(seconds=2)
    make_notice(headline="Ledningsbyte", ends=end)
    call_command("run_scheduler", "--once")
    assert status_json(snapshot_dir)["ongoing"] == 1

    time.sleep(max(0, (end - timezone.now()).total_seconds()) + 0.1)
    call_command("run_scheduler", "--once")

    assert status_json(snapshot_dir)["ongoing"] == 0


def test_scheduled_publishing_is_caught_by_the_scheduler(make_notice, snapshot_dir):
    notice = make_notice(headline="Planerad publicering", live=False)
    notice.go_live_at = timezone.now() - timedelta(seconds=1)
    notice.save_revision(approved_go_live_at=notice.go_live_at)

    call_command("run_scheduler", "--once")

    assert status_json(snapshot_dir)["ongoing"] == 1


def test_a_failed_round_keeps_the_last_good_files_and_says_why(
    published, make_notice, snapshot_dir, settings
):
    published(lambda: make_notice(headline="Vattenläcka"))
    before = (snapshot_dir / "localhost" / "sv" / "status.json").read_bytes()
    # The snapshots' directory cannot be made: something else is in its place.
    blocked = snapshot_dir.parent / "blocked"
    blocked.write_text("not a directory")
    settings.SNAPSHOT_DIR = blocked / "snapshots"

    outcome = write_snapshots()

    assert outcome.ok is False and "Not a directory" in outcome.error
    assert (snapshot_dir / "localhost" / "sv" / "status.json").read_bytes() == before


def test_the_editor_is_told_when_the_snapshots_could_not_be_written(
    transactional_db, home, alice, make_notice, settings, tmp_path
):
    notice = make_notice(headline="Vattenläcka")
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")
    settings.SNAPSHOT_DIR = blocked / "snapshots"
    editor = Client()
    editor.force_login(alice)

    response = editor.post(f"/admin/snippets/disruptions/notice/unpublish/{notice.pk}/")

    assert response.status_code == 302
    assert response["Kommun-Snapshot"].startswith("failed ")
    page = editor.get(response["Location"]).content.decode()
    assert "kunde inte uppdateras" in page


def test_a_publish_returns_after_the_snapshots_are_written(
    transactional_db, home, alice, make_notice, snapshot_dir
):
    notice = make_notice(headline="Vattenläcka")
    editor = Client()
    editor.force_login(alice)

    response = editor.post(f"/admin/snippets/disruptions/notice/unpublish/{notice.pk}/")

    # No commit hook is run by hand here: the request committed, wrote, then answered.
    assert response.status_code == 302
    assert response["Kommun-Snapshot"].startswith("written ")
    assert banner_headline(snapshot_dir) == ALL_CLEAR


# Another process reading the file as fast as it can, as nginx does, for a given time.
READER = """
import sys, time
path, seconds = sys.argv[1], float(sys.argv[2])
stop_at, seen = time.monotonic() + seconds, set()
while time.monotonic() < stop_at:
    with open(path, "rb") as file:
        content = file.read()
    if len(set(content)) != 1 or len(content) != 1_000_000:
        print(f"torn read: {len(content)} bytes, {len(set(content))} distinct")
        sys.exit()
    seen.add(content[:1])
print(f"ok {len(seen)}")
"""


def test_a_reader_never_sees_a_half_written_snapshot(tmp_path):
    path = tmp_path / "status.json"
    write_atomically(path, b"a" * 1_000_000)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), "2"], stdout=subprocess.PIPE, text=True
    )
    writes = 0
    while reader.poll() is None:
        write_atomically(path, (b"b" if writes % 2 else b"a") * 1_000_000)
        writes += 1
    verdict = reader.stdout.read().strip()

    # Both versions were seen, so the reader really raced the writer.
    assert verdict == "ok 2", verdict
    assert writes > 10
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []


def test_the_write_api_says_the_snapshots_were_written(
    transactional_db, home, snapshot_dir, django_user_model
):
    from kommun.api.tests.conftest import WATER_LEAK, Operator, token_for

    olle = Operator(token_for("olle", "vatten-och-avlopp"))
    response = olle.post("/notices", WATER_LEAK)

    assert response.status_code == 201
    assert response["Kommun-Snapshot"].startswith("written ")
    assert status_json(snapshot_dir)["most_severe"]["headline"] == WATER_LEAK["headline"]
