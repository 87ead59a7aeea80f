"""
The Content-Security-Policy breaks nothing a browser runs: Rita's pages with the banner's
live refresh, the status page's map, the push subscription, and the embed on another site;
Alice's admin with the map drawing tool. Chromium reports every refused script, style,
image or frame as a securitypolicyviolation event, which the pages here must not raise.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from .browser import open_page, public_pages
from .test_stories import log_in

PUSH_KEY = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"

# Collects the violations in the page itself, from before its first script runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
}, true);
"""


def watched(context):
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, console


def assert_no_violations(page, console, frame=None):
    """None reported in the open page (or frame) since it loaded, nor on the console ever."""
    found = (frame or page).evaluate("window.__violations") + console
    assert found == [], "\n".join(found)


def test_ritas_pages_run_their_scripts_under_the_policy(
    public_content, live_server, reader, settings
):
    # With a key the subscription page offers push; this one is never used to send.
    settings.VAPID_PUBLIC_KEY = PUSH_KEY
    page, console = watched(reader("sv"))
    pages = public_pages(public_content, "sv")

    open_page(page, live_server, "/")
    # The banner's live refresh fetches the new banner from the same origin.
    with page.expect_response(lambda response: "/banner/" in response.url):
        pass
    assert_no_violations(page, console)
    open_page(page, live_server, pages["status"])
    # The map is drawn by Leaflet from a static script: it shows only if the script ran.
    expect(page.locator(".notice-map .leaflet-pane").first).to_be_attached()
    assert_no_violations(page, console)
    open_page(page, live_server, pages["subscribe"])
    push = page.locator("#push-subscribe")
    expect(push).to_be_visible()
    # Registers the service worker; headless Chromium has no push service to subscribe to.
    push.get_by_role("button").click()
    expect(push.locator("[role=status]")).not_to_be_empty()
    assert_no_violations(page, console)


@pytest.fixture
def other_site(live_server):
    """A neighbour's web page on its own origin on 127.0.0.1, embedding the banner both ways."""
    page = (
        '<!DOCTYPE html><html lang="sv"><title>Grannkommunen</title>'
        f'<iframe src="{live_server.url}/embed/banner/" title="Driftinformation"></iframe>'
        f'<script src="{live_server.url}/embed/banner.js" data-lang="sv"></script></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_another_site_frames_the_embed_and_runs_the_embed_script(
    public_content, live_server, reader, other_site
):
    page, console = watched(reader("sv"))
    page.goto(other_site)

    # A frame refused by frame-ancestors or X-Frame-Options would show an error page instead.
    embed = page.frame_locator("iframe")
    expect(embed.locator(".banner__text")).to_have_text("Just nu har vi 1 pågående driftstörning")
    expect(page.locator(".kommun-banner p")).to_contain_text("1 pågående driftstörning")
    assert_no_violations(page, console)
    assert_no_violations(page, console, frame=page.frames[1])


def test_alices_admin_works_under_its_policy(public_content, live_server, reader, alice):
    page, console = watched(reader("sv"))
    log_in(page, live_server, alice)
    assert_no_violations(page, console)
    open_page(page, live_server, "/admin/snippets/disruptions/notice/add/")
    expect(page.locator(".map-widget .leaflet-container")).to_be_visible()
    assert_no_violations(page, console)
    open_page(page, live_server, f"/admin/pages/{public_content.article.pk}/edit/")
    expect(page.locator("[data-draftail-editor-wrapper], .Draftail-Editor").first).to_be_visible()
    assert_no_violations(page, console)
