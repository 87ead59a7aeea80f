"""
The process supervisor of `make run`: starts every process of a Procfile and starts again
any that ends, after a backoff, until it is stopped (Ctrl-C or SIGTERM), when it asks
each process to stop with SIGTERM and, after --grace seconds, kills what is left.

honcho, which `make run` used before, stops every process as soon as one ends: one
background process dying on a database fault took the web server down with it. honcho
has no option to restart instead. The Procfile stays the one description of the process
set, read with honcho's own parser.

    .venv/bin/python scripts/supervise.py [--procfile Procfile] [--grace 10]
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from honcho.environ import parse_procfile

# A process that ran this long before it ended was healthy: its backoff starts again.
STABLE_SECONDS = 60
MAX_BACKOFF_SECONDS = 30


def say(text):
    print(f"supervise: {text}", file=sys.stderr, flush=True)


class Child:
    def __init__(self, name, command):
        self.name = name
        self.command = command
        self.process = None
        self.started_at = 0.0
        self.restart_at = 0.0
        self.failures = 0

    def start(self):
        # Its own process group, so that stopping it reaches the shell and what it runs.
        self.process = subprocess.Popen(self.command, shell=True, start_new_session=True)
        self.started_at = time.monotonic()
        say(f"started {self.name} (pid {self.process.pid})")

    def check(self, now):
        """Notices an ended process and starts it again once its backoff has passed."""
        if self.process is not None and self.process.poll() is not None:
            ran = now - self.started_at
            self.failures = 1 if ran >= STABLE_SECONDS else self.failures + 1
            delay = min(MAX_BACKOFF_SECONDS, 2 ** (self.failures - 1))
            say(
                f"{self.name} exited with status {self.process.returncode} after {ran:.0f} s; "
                f"starting it again in {delay} s"
            )
            self.process = None
            self.restart_at = now + delay
        if self.process is None and now >= self.restart_at:
            self.start()

    def send(self, signum):
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signum)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procfile", default="Procfile")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds to stop cleanly")
    options = parser.parse_args()
    procfile = parse_procfile(Path(options.procfile).read_text())
    children = [Child(name, command) for name, command in procfile.processes.items()]
    if not children:
        sys.exit(f"supervise: {options.procfile} names no process")

    stopping = []
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda signum, _frame: stopping.append(signum))
    while not stopping:
        now = time.monotonic()
        for child in children:
            child.check(now)
        time.sleep(0.2)

    say(f"stopping ({signal.strsignal(stopping[0])})")
    for child in children:
        child.send(signal.SIGTERM)
    deadline = time.monotonic() + options.grace
    while time.monotonic() < deadline and any(
        child.process is not None and child.process.poll() is None for child in children
    ):
        time.sleep(0.1)
    for child in children:
        if child.process is not None and child.process.poll() is None:
            say(f"{child.name} did not stop within {options.grace:.0f} s; killing it")
            child.send(signal.SIGKILL)
            child.process.wait()


if __name__ == "__main__":
    main()
