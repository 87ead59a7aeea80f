"""
Nadia clones the repository and runs `DEMO=0 make run`: nothing has been uploaded yet, so
var/media does not exist, and granian refuses to start when a folder it serves is missing.
`make setup` makes every folder the Procfile mounts before the server starts.
"""

import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def procfile_command(folder, name):
    for line in (folder / "Procfile").read_text().splitlines():
        process, _, command = line.partition(":")
        if process.strip() == name:
            return command.strip()
    raise AssertionError(f"the Procfile has no {name} process")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, attempts=100):
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def test_the_server_starts_in_a_fresh_clone_with_nothing_uploaded(tmp_path):
    for name in ("Makefile", "Procfile"):
        shutil.copy(BASE_DIR / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(BASE_DIR / ".venv")
    (tmp_path / "var" / "static").mkdir(parents=True)  # collectstatic's, as setup runs it

    subprocess.run(["make", "--silent", "served-folders"], cwd=tmp_path, check=True)
    assert not (tmp_path / "var" / "media" / "anything").exists()
    (tmp_path / "var" / "static" / "hello.txt").write_text("hej")

    port = free_port()
    environment = {
        **os.environ,
        "KOMMUN_PORT": str(port),
        "KOMMUN_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(BASE_DIR),
    }
    command = procfile_command(tmp_path, "web").replace("$KOMMUN_PORT", str(port))
    server = subprocess.Popen(
        shlex.split(command),
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        time.sleep(0.5)
        if server.poll() is not None:
            output = server.stdout.read().decode()
            raise AssertionError(f"granian did not start:\n{output}")
        status, body = get(f"http://127.0.0.1:{port}/static/hello.txt")
        assert (status, body) == (200, b"hej")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=3)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
