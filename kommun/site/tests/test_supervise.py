"""
Olle runs `make run`. One of its background processes keeps dying; the web server must
go on answering, the dead process must be started again, and Ctrl-C stops them all.
"""

import http.client
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def answers(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def test_a_process_that_dies_is_started_again_and_the_web_server_stays_up(tmp_path):
    from kommun.snapshots.tests.test_outage import free_port

    port = free_port()
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        f"web: {sys.executable} -m http.server {port} --bind 127.0.0.1 --directory {tmp_path}\n"
        f"notifier: {sys.executable} -c 'import sys; sys.exit(1)'\n"
    )
    log = tmp_path / "supervise.log"
    with open(log, "w") as output:
        supervisor = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "supervise.py"), "--procfile", str(procfile)],
            stderr=output,
            stdout=output,
        )
        try:
            deadline = time.monotonic() + 20
            while not answers(port):
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            time.sleep(4)  # the notifier dies at once, again and again
            assert answers(port), log.read_text()
        finally:
            supervisor.send_signal(signal.SIGINT)  # Ctrl-C
            supervisor.wait(timeout=15)

    said = log.read_text()
    assert said.count("started web") == 1, said
    assert said.count("notifier exited with status 1") >= 2, said
    assert said.count("started notifier") >= 3, said
    assert supervisor.returncode == 0
    assert not answers(port)  # stopped with the supervisor
