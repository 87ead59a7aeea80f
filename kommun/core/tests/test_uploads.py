"""
Alice, a superuser, uploads files to the admin; Rita, a resident, opens them. An uploaded
file must never run script on the site's origin, where editors have their sessions: a page
or an SVG is refused as a document, a document is only ever a download from Wagtail's
document view, and /media/ serves images alone, with headers that keep them images, both
under `make run` (Django; granian serves no /media/) and behind deploy/nginx.conf.
"""

import html
import io
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

ROOT = Path(__file__).resolve().parents[3]
EVIL_PAGE = b"<html><script>fetch('/admin/')</script></html>"
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NOSNIFF = "nosniff"


@pytest.fixture
def alice_admin(alice, home):
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Files on disk, as in production (the tests otherwise keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (40, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("evil.html", EVIL_PAGE),
        ("evil.htm", EVIL_PAGE),
        ("evil.svg", EVIL_SVG),
    ],
)
def test_a_page_or_svg_is_refused_as_a_document_with_a_clear_error(alice_admin, name, content):
    Document = get_document_model()
    single = alice_admin.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert single.status_code == 200  # the form again, with its error
    extension = name.rsplit(".", 1)[1]
    refusal = (
        f"Filändelsen “{extension}” är inte giltig. "
        "Giltiga filändelser är: pdf, docx, xlsx, odt, ods, txt, csv."
    )
    assert refusal in html.unescape(single.content.decode())

    several = alice_admin.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": 1},
    )
    answer = several.json()
    assert answer["success"] is False
    assert answer["error_message"] == refusal
    assert not Document.objects.exists()


def test_a_pdf_is_a_download_from_the_document_view_and_not_under_media(rita, home, media_on_disk):
    document = get_document_model().objects.create(
        title="Beredskapsplan", file=ContentFile(PDF, name="beredskapsplan.pdf")
    )
    assert document.url == f"/documents/{document.pk}/beredskapsplan.pdf"

    response = rita.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == NOSNIFF
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == PDF

    assert (media_on_disk / document.file.name).exists()
    assert rita.get(f"/media/{document.file.name}").status_code == 404


def test_an_image_under_media_is_served_as_an_image_that_cannot_run_script(
    rita, home, media_on_disk
):
    image = get_image_model().objects.create(
        title="Bron", file=ImageFile(io.BytesIO(png_bytes()), name="bron.png")
    )
    rendition = image.get_rendition("fill-30x20")
    for url in (image.file.url, rendition.url):
        assert url.startswith("/media/")
        response = rita.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == NOSNIFF
        assert "sandbox" in response["Content-Security-Policy"].split(";")[0]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    # However a page got into the images folder, /media/ does not serve it.
    default_storage.save("images/evil.html", ContentFile(EVIL_PAGE))
    default_storage.save("images/evil.svg", ContentFile(EVIL_SVG))
    default_storage.save("uploaded_files/evil.png", ContentFile(png_bytes()))
    for path in ("images/evil.html", "images/evil.svg", "uploaded_files/evil.png"):
        assert rita.get(f"/media/{path}").status_code == 404, path
    assert rita.get("/media/images/../documents/x.png").status_code == 404


def test_make_run_mounts_no_folder_of_documents():
    """granian cannot add headers to what it serves: /media/ is left to Django."""
    web = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    mounts = re.findall(r"--static-path-mount (\S+)", web)
    assert mounts, web
    for mount in mounts:
        assert (
            not (ROOT / "var/media/documents").resolve().is_relative_to((ROOT / mount).resolve())
        ), mount


def media_locations():
    """The /media/ parts of deploy/nginx.conf, as they are."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    location = r"^    location [^\n{]*/media/[^\n{]*\{.*?\n    \}\n"
    blocks = re.findall(location, config, re.DOTALL | re.MULTILINE)
    assert blocks, "deploy/nginx.conf has a /media/ location"
    return "".join(blocks)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_serves_images_with_their_headers_and_no_documents():
    # Not under pytest's tmp_path, whose parents nginx's workers (another user) cannot enter.
    with tempfile.TemporaryDirectory(prefix="kommun-nginx-") as work:
        serve_media_with_nginx(Path(work))


def serve_media_with_nginx(tmp_path):
    var = tmp_path / "var"
    for folder, name, content in (
        ("images", "bron.fill-30x20.png", png_bytes()),
        ("original_images", "bron.png", png_bytes()),
        ("documents", "evil.html", EVIL_PAGE),
        ("documents", "plan.pdf", PDF),
        ("images", "evil.html", EVIL_PAGE),
    ):
        (var / "media" / folder).mkdir(parents=True, exist_ok=True)
        (var / "media" / folder / name).write_bytes(content)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # nginx's workers may be another user
    port = free_port()
    locations = media_locations().replace("/srv/kommun/var", str(var))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    access_log off;\n"
        f"    client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"    fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi;\n"
        f"    scgi_temp_path {tmp_path}/scgi;\n"
        f"    server {{\n        listen 127.0.0.1:{port};\n{locations}"
        "        location / { return 418; }\n    }\n}\n"
    )
    nginx = subprocess.Popen(
        ["nginx", "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert nginx.poll() is None, nginx.stderr.read().decode()
                time.sleep(0.1)
        for path in ("/media/images/bron.fill-30x20.png", "/media/original_images/bron.png"):
            status, headers = fetch(base + path)
            assert status == 200, path
            assert headers["Content-Type"] == "image/png"
            assert headers["X-Content-Type-Options"] == NOSNIFF
            assert "sandbox" in headers["Content-Security-Policy"].split(";")[0]
        for path in (
            "/media/documents/evil.html",
            "/media/documents/plan.pdf",
            "/media/images/evil.html",
            "/media/images/../documents/evil.html",
        ):
            status, _headers = fetch(base + path)
            assert status == 404, path
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
