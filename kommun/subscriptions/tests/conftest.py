import email
import email.policy
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client

from kommun.demo.benchmarks import free_port
from kommun.subscriptions.models import Subscription

SINK = Path(__file__).with_name("smtp_sink.py")


class SmtpServer:
    """aiosmtpd in its own process on 127.0.0.1; the messages it accepted, parsed."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, str(SINK), str(self.port), str(self.folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready"

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def messages(self):
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime)
        ]

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages()
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, got {len(self.messages())}")


@pytest.fixture
def smtp(tmp_path, settings):
    server = SmtpServer(tmp_path / "mail")
    server.folder.mkdir()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def text_of(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def link_in(message, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]+/", text_of(message)).group(0)


def local_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def subscribed(home, smtp, django_capture_on_commit_callbacks):
    """Subscribes and confirms through the pages, as a resident does."""

    def subscribe(email="rita@example.org", **follow):
        resident = Client()
        form = {"email": email, "include_planned": "on", **follow}
        before = len(smtp.messages())
        with django_capture_on_commit_callbacks(execute=True):
            response = resident.post("/sv/prenumerera/", form)
        assert response.status_code == 200, response.content.decode()[:3000]
        confirmation = smtp.wait_for(before + 1)[-1]
        assert confirmation["To"] == email
        confirm = local_path(link_in(confirmation, "/sv/prenumerera/bekrafta/"))
        assert resident.get(confirm).status_code == 200
        assert resident.post(confirm).status_code == 200
        return Subscription.objects.get(destination=email)

    return subscribe


class Receiver:
    """A local HTTP server standing in for a webhook receiver; answers with `status`."""

    def __init__(self):
        self.requests = []
        self.stamps = []  # time.time() of each request, for rate checks
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))  # case-insensitive
                receiver.stamps.append(time.time())
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()
