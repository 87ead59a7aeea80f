"""
The instruments of scripts/chaos.py: a TCP proxy that can cut a dependency off, the SMTP
sink run as a process that can be stopped, and a prober that asks the site for pages
from outside, as a resident's browser does. Everything listens on 127.0.0.1.
"""

import contextlib
import email
import http.client
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SINK = ROOT / "kommun" / "subscriptions" / "tests" / "smtp_sink.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Proxy:
    """
    Forwards 127.0.0.1:port to a server. cut() makes the server unreachable for the
    processes that use the proxy, as a stopped server is: open connections are closed and
    new ones refused. The server itself, which others share, is left alone.
    """

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.connections = set()
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        listener, self.listener = self.listener, None
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.connections |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            with self.lock:
                self.connections.discard(source)
                self.connections.discard(sink)


class Sink:
    """aiosmtpd on a fixed port, writing each message to a folder; stop() and start()."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, str(SINK), str(self.port), str(self.folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready", "the SMTP sink did not start"

    def stop(self):
        self.process.kill()
        self.process.wait()

    def message_ids(self):
        """Each delivery has its own Message-ID: duplicates count once."""
        ids = set()
        for path in self.folder.glob("*.eml"):
            ids.add(email.message_from_bytes(path.read_bytes())["Message-ID"])
        return ids


def get(port, path, timeout=5):
    """(status, body) of a GET on 127.0.0.1:port, or (None, the error) when it failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "sv"})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError as error:
        return None, repr(error)
    finally:
        connection.close()


class Prober:
    """
    Asks for the pages that must always answer, and one that may say 503, every fraction
    of a second, and keeps every answer that was not what a resident should get.
    """

    def __init__(self, port, always, other, outage_message):
        self.port = port
        self.always = always
        self.other = other
        self.outage_message = outage_message.encode()
        self.problems = []
        self.answers = 0
        self.saw_503 = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join()

    def _run(self):
        while not self.stopping.is_set():
            for path in self.always:
                status, body = get(self.port, path)
                self.answers += 1
                if status != 200:
                    self.problems.append((time.strftime("%H:%M:%S"), path, status, body[:200]))
            status, body = get(self.port, self.other)
            self.answers += 1
            if status == 503 and self.outage_message in body:
                self.saw_503 += 1
            elif status != 200:
                self.problems.append((time.strftime("%H:%M:%S"), self.other, status, body[:200]))
            self.stopping.wait(0.3)
