"""
Rita's phone on a weak signal gets text compressed: deploy/nginx.conf, as it is (on
127.0.0.1, without TLS), passes `nginx -t`, serves the static files' precompressed copies
as collectstatic wrote them and compresses the app's pages and JSON on the way through.
"""

import gzip
import http.client
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_config(work, var, port, app):
    """The HTTPS server of deploy/nginx.conf on a local port, in a main config of its own."""
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = server[: server.index("server {\n    listen 80;")]
    lines = [
        line
        for line in server.splitlines(keepends=True)
        if not line.strip().startswith(("listen 443", "http2 ", "ssl_certificate"))
    ]
    server = "".join(lines).replace("server_name kommun.example;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/kommun/var", str(var))
    server = server.replace("server 127.0.0.1:8000;", f"server {app};")
    server = server.replace("/etc/nginx/snippets/", f"{ROOT / 'deploy'}/")
    temp_paths = " ".join(
        f"{kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n {temp_paths}\n{server}}}\n"
    )


def fetch(url, compressed=True):
    headers = {"Accept-Encoding": "gzip"} if compressed else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
        return r.headers, r.read()


@pytest.fixture
def nginx(tmp_path, live_server, transactional_db, make_notice, settings):
    make_notice(headline="Vattenläcka på Storgatan")  # some JSON and a feed entry to compress
    var = tmp_path / "var"
    (var / "snapshots").mkdir(parents=True)
    settings.STATIC_ROOT = var / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kommun.core.storage.StaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    work = tmp_path / "nginx"
    work.mkdir()
    port = free_port()
    config = work / "nginx.conf"
    app = live_server.url.removeprefix("http://")
    config.write_text(local_config(work, var, port, app))
    checked = subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(
        [NGINX, "-c", str(config), "-g", "daemon off;"], start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            fetch(f"{base}/static/kommun/site.css")
            break
        except OSError:
            time.sleep(0.1)
    yield base, var / "static"
    server.terminate()
    server.wait(timeout=10)


def test_static_files_go_out_as_their_precompressed_copies(nginx):
    base, static = nginx
    for name in ("kommun/site.css", "kommun/banner.js"):
        headers, body = fetch(f"{base}/static/{name}")
        assert headers["Content-Encoding"] == "gzip", name
        assert body == (static / f"{name}.gz").read_bytes(), "served as written, not again"
        plain_headers, plain = fetch(f"{base}/static/{name}", compressed=False)
        assert "Content-Encoding" not in plain_headers
        assert gzip.decompress(body) == plain == (static / name).read_bytes()


def test_pages_json_and_feeds_from_the_app_are_compressed_on_the_way(nginx):
    base, _static = nginx
    for path in ["/sv/", "/api/v1/notices", "/sv/feeds/driftinformation.atom", "/sv/adress/"]:
        headers, body = fetch(base + path)
        assert headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"], path
        assert gzip.decompress(body), path


def test_readyz_which_names_what_failed_answers_the_monitoring_host_alone(nginx):
    base, _static = nginx
    port = int(base.rsplit(":", 1)[1])
    answers = {}
    for source in ("127.0.0.1", "127.0.0.2"):  # the monitoring host, and anyone else
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=5, source_address=(source, 0)
        )
        connection.request("GET", "/readyz")
        response = connection.getresponse()
        answers[source] = (response.status, response.read())
        connection.close()
    status, body = answers["127.0.0.1"]
    assert status in (200, 503) and "checks" in json.loads(body)
    assert answers["127.0.0.2"][0] == 403
