"""
nginx serves the status snapshots itself (deploy/nginx.conf), past the app: the headers
the app would have sent with the same pages must come from nginx then, or Rita's status
page loses its Content-Security-Policy and framing protection exactly when it is busiest.
This runs the real configuration on 127.0.0.1 (without TLS) against snapshot files
written by the app, and compares its headers with the app's.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Site

from kommun.demo.benchmarks import free_port
from kommun.snapshots.rounds import write_snapshots

from .test_security_headers import directives

DEPLOY = Path(settings.BASE_DIR) / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Snapshot address, and its file under var/snapshots/<host>/sv/.
SNAPSHOTS = {
    "/api/v1/status": "status.json",
    "/sv/banner/": "banner.html",
    "/embed/banner/": "embed.html",
    "/sv/driftinformation/": "status.html",
}
ONE_YEAR = 60 * 60 * 24 * 365


def local_config(work, snapshots, port):
    """deploy/nginx.conf on 127.0.0.1 without TLS, reading the test's snapshot files."""
    server = (DEPLOY / "nginx.conf").read_text()
    server = server[: server.index("server {\n    listen 80;")]
    server = re.sub(r"    listen 443 ssl;\n    http2 on;\n", "", server)
    server = re.sub(r"    ssl_certificate.*\n", "", server)
    server = server.replace("server_name kommun.example;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/kommun/var/snapshots", str(snapshots))
    # No app behind it: an answer that is not from a file is a 502, never a pass.
    server = server.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{free_port()};")
    server = server.replace(
        "/etc/nginx/snippets/kommun-snapshot-headers.conf",
        str(DEPLOY / "kommun-snapshot-headers.conf"),
    )
    temp_paths = " ".join(
        f"{kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    return (
        # The test's files are private to this user; so must nginx's workers be.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        + f"http {{\n    access_log off;\n    {temp_paths}\n"
        + f"    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;\n{server}}}\n"
    )


@pytest.fixture
def nginx(tmp_path, snapshot_dir):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    port = free_port()
    config = tmp_path / "nginx.conf"
    config.write_text(local_config(tmp_path, snapshot_dir, port))
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-g", "daemon off;"], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.communicate()[1]}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_nginx_sends_the_apps_policy_and_framing_rules_with_every_snapshot(
    home, make_notice, nginx, snapshot_dir
):
    make_notice(headline="Vattenläcka")
    assert write_snapshots().ok
    host = Site.objects.get(is_default_site=True).hostname
    request_headers = {"Host": host, "Accept-Language": "sv"}

    for path, name in SNAPSHOTS.items():
        request = urllib.request.Request(nginx + path, headers=request_headers)
        with urllib.request.urlopen(request) as served:
            body, headers = served.read(), served.headers
        assert body == (snapshot_dir / host / "sv" / name).read_bytes(), path
        app = Client().get(path, headers={"accept-language": "sv"})

        assert directives(headers) == directives(app), path
        assert headers.get("X-Frame-Options") == app.get("X-Frame-Options"), path
        assert headers["X-Content-Type-Options"] == app["X-Content-Type-Options"] == "nosniff"
        assert headers["Strict-Transport-Security"] == f"max-age={ONE_YEAR}", path

    embed = Client().get("/embed/banner/")
    assert "X-Frame-Options" not in embed and directives(embed)["frame-ancestors"] == ["*"]


def test_nginx_chooses_the_status_language_as_the_app_does_not_by_cookie(home, nginx, snapshot_dir):
    assert write_snapshots().ok
    host = Site.objects.get(is_default_site=True).hostname
    swedish = json.loads((snapshot_dir / host / "sv" / "status.json").read_bytes())["banner"]
    headers = {"Host": host, "Accept-Language": "sv", "Cookie": "django_language=uk"}
    request = urllib.request.Request(nginx + "/api/v1/status", headers=headers)
    with urllib.request.urlopen(request) as served:
        assert json.loads(served.read())["banner"] == swedish
    app = Client().get(
        "/api/v1/status", headers={"accept-language": "sv", "cookie": headers["Cookie"]}
    )
    assert app.json()["banner"] == swedish
