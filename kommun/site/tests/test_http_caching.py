"""
What proxies and CDNs may keep: Rita's pages and feeds are shareable, answer conditional
requests with 304, set no cookie and do not vary by cookie; Alice's pages stay private; a
publish purges what a caching proxy holds.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.sessions.models import Session

PUBLIC_URLS = [
    "/sv/",
    "/sv/driftinformation/",
    "/sv/driftinformation/arkiv/",
    "/sv/nyheter/",
    "/sv/adress/",
    "/sv/utvecklare/",
    "/sv/banner/",
    "/embed/banner/",
    "/api/v1/status",
    "/api/v1/notices",
    "/sv/feeds/driftinformation.rss",
    "/sv/feeds/driftinformation.atom",
    "/sv/feeds/nyheter.rss",
    "/feeds/cap.atom",
    "/sv/feeds/planerat.ics",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_pages_and_feeds_may_be_kept_by_shared_caches(rita, make_notice, url, settings):
    make_notice(headline="Vattenläcka")
    response = rita.get(url)

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert f"s-maxage={settings.PUBLIC_PAGE_MAX_AGE}" in cache_control
    assert f"stale-while-revalidate={settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE}" in cache_control
    assert "stale-if-error=" in cache_control
    assert response.has_header("ETag")
    assert response.cookies == {}
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_client_holding_the_current_version_gets_a_304(rita, make_notice, url):
    make_notice(headline="Vattenläcka")
    first = rita.get(url)

    again = rita.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_pages_say_when_they_last_changed_and_answer_if_modified_since(
    rita, make_notice, django_capture_on_commit_callbacks
):
    make_notice(headline="Vattenläcka")
    first = rita.get("/sv/")
    last_modified = first["Last-Modified"]

    assert rita.get("/sv/", headers={"if-modified-since": last_modified}).status_code == 304

    # A notice published later changes every page's banner: no 304 for the old copy. HTTP
    # dates have whole seconds.
    time.sleep(1.1)
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(headline="Värmen borta")
    changed = rita.get("/sv/", headers={"if-modified-since": last_modified})
    assert changed.status_code == 200
    assert changed["Last-Modified"] != last_modified


def test_anonymous_pages_do_not_touch_the_session(rita, make_notice):
    make_notice()
    response = rita.get("/sv/driftinformation/")
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_editors_get_the_userbar_and_pages_no_cache_may_share(client, alice, home):
    client.force_login(alice)
    response = client.get("/sv/")

    assert b"wagtail-userbar" in response.content
    assert "private" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_residents_do_not_get_the_userbar(rita, home):
    assert b"wagtail-userbar" not in rita.get("/sv/").content


class PurgeRecorder(BaseHTTPRequestHandler):
    """Stands in for nginx or Varnish: notes every PURGE it receives."""

    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caching_proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_a_notice_purges_the_urls_that_show_it(
    make_notice, caching_proxy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(headline="Vattenläcka")

    purged = {path for _host, path in caching_proxy}
    assert {
        "/sv/",
        "/sv/driftinformation/",
        "/sv/banner/",
        "/api/v1/status",
        "/embed/banner/",
    } <= purged
    assert {"/sv/feeds/driftinformation.rss", "/feeds/cap.atom"} <= purged
    assert {host for host, _path in caching_proxy} == {"localhost"}
