"""
Chaos test of the whole process set, as `make run` starts it: scripts/supervise.py with
the Procfile (granian, the tasks worker, the scheduler, the notifier) on a free port, its
own database and Redis database, and an SMTP sink counting what arrives. Then, one after
the other, a dependency fails for --outage seconds while a fan-out is under way:

    postgres   PostgreSQL unreachable (a proxy in front of it is cut; the server, which
               others share, keeps running)
    redis      Redis unreachable, the same way
    smtp       the SMTP sink stopped in the middle of a fan-out
    snapshots  the snapshot directory made read-only
    sqlite     (with --database sqlite) the SQLite file made unreadable

Throughout, the status page, the banner, the status JSON and the embed must answer 200,
and any other page 200 or a 503 that says the database is unavailable, never a refused
connection. Within 60 s of each fault ending, without a restart, /readyz must be ready
with snapshots and a scheduler round from after the fault, and every message of the
fan-outs must have reached the sink. Exits 1 naming what went wrong.

    .venv/bin/python scripts/chaos.py --database postgres   # DATABASE_URL, REDIS_URL
    .venv/bin/python scripts/chaos.py --database sqlite
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from chaos_tools import ROOT, Prober, Proxy, Sink, free_port, get

RECOVERY_SECONDS = 60
SUBSCRIBERS = 100
OUTAGE_MESSAGE = "Tjänsten är tillfälligt otillgänglig eftersom dess databas inte kan nås"

PUBLISH = """
from django.utils import timezone
from kommun.subscriptions.models import Subscription
from kommun.disruptions.models import Notice, Service
from wagtail.models import Site
site = Site.objects.get(is_default_site=True)
if not Subscription.objects.exists():
    Subscription.objects.bulk_create(
        Subscription(site=site, channel="email", destination=f"r{n}@example.org",
                     confirmed_at=timezone.now()) for n in range({subscribers}))
Notice(headline="Prov {name}", service=Service.objects.get(site=site, slug="vatten-och-avlopp"),
       severity=Notice.Severity.CRITICAL, affected_area="Hela kommunen",
       what_happened="Kaosprov.").publish_change()
"""


class Failure(Exception):
    pass


class Installation:
    def __init__(self, options, var):
        self.options = options
        self.var = var
        self.port = free_port()
        self.sink = Sink(var / "mail")
        self.proxies = {}
        self.expected = 0
        self.env = dict(
            os.environ,
            KOMMUN_VAR_DIR=str(var),
            KOMMUN_PORT=str(self.port),
            DJANGO_SETTINGS_MODULE="kommun.settings.base",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.sink.port),
            NOTIFY_BATCH="10",
            NOTIFY_RATE_EMAIL="25",  # a fan-out lasts a few seconds: faults hit it mid-way
            # A batch cut off by the database is sent again when its lease ends.
            NOTIFY_LEASE_SECONDS="15",
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.env.pop("REDIS_URL", None)
        if options.database == "postgres":
            self.database_url = urlsplit(options.database_url)
            self.proxies["postgres"] = Proxy(self.database_url.port or 5432)
            self.env["DATABASE_URL"] = urlunsplit(
                self.database_url._replace(
                    netloc=f"{self.database_url.username or 'postgres'}@127.0.0.1:"
                    f"{self.proxies['postgres'].port}"
                )
            )
            redis_url = urlsplit(options.redis_url)
            self.proxies["redis"] = Proxy(redis_url.port or 6379)
            self.env["REDIS_URL"] = urlunsplit(
                redis_url._replace(netloc=f"127.0.0.1:{self.proxies['redis'].port}")
            )
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{var}/kommun.sqlite3"

    def run(self, command, **kwargs):
        return subprocess.run(command, env=self.env, cwd=ROOT, check=True, **kwargs)

    def manage(self, *args):
        self.run([sys.executable, "manage.py", *args], stdout=subprocess.DEVNULL)

    def set_up(self):
        if self.options.database == "postgres":
            recreate_database(self.database_url)
        for proxy in self.proxies.values():
            proxy.start()
        # granian serves these from the checkout, as under `make run`; it needs them to exist.
        for folder in ("static", "media", "snapshots"):
            (ROOT / "var" / folder).mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("setup_site")
        self.sink.start()

    def start(self):
        self.log = open(self.var / "supervise.log", "w")  # noqa: SIM115 (kept open)
        self.supervisor = subprocess.Popen(
            [sys.executable, "scripts/supervise.py", "--procfile", "Procfile"],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while get(self.port, "/healthz")[0] != 200:
            if time.monotonic() > deadline:
                raise Failure("the web server did not start within 60 s")
            time.sleep(0.5)

    def stop(self):
        """Stops everything this run started; the supervisor stops its own processes."""
        stopped_cleanly = True
        if getattr(self, "supervisor", None) and self.supervisor.poll() is None:
            self.supervisor.send_signal(signal.SIGTERM)
            try:
                self.supervisor.wait(timeout=20)
            except subprocess.TimeoutExpired:
                stopped_cleanly = False
                self.supervisor.kill()
            self.log.close()
        if self.sink.process and self.sink.process.poll() is None:
            self.sink.stop()
        for proxy in self.proxies.values():
            if proxy.listener:
                proxy.cut()
        return stopped_cleanly

    def publish(self, name):
        """A critical notice: a fan-out to every subscriber."""
        code = PUBLISH.replace("{subscribers}", str(SUBSCRIBERS)).replace("{name}", name)
        self.manage("shell", "-c", code)
        self.expected += SUBSCRIBERS

    def restarts(self):
        return (self.var / "supervise.log").read_text().count(" exited with status ")

    def readiness(self):
        status, body = get(self.port, "/readyz")
        try:
            return status, json.loads(body)
        except (TypeError, ValueError):
            return status, {}

    def public_paths(self):
        index = json.loads((self.var / "snapshots" / "localhost" / "index.json").read_text())
        return sorted(path for path, files in index["routes"].items() if "sv" in files)


def recreate_database(url):
    import psycopg

    name = url.path.lstrip("/")
    # The maintenance database is only asked to drop and create this test's own one.
    server = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# Root reads and writes whatever the permissions say, so as root a directory is made
# immutable instead (chattr +i: nothing can be created or renamed in it), and the SQLite
# file is taken away, with its WAL, rather than made unreadable.
AS_ROOT = os.geteuid() == 0


def make_unwritable(directory):
    for path in [directory, *directory.rglob("*")]:
        if path.is_dir():
            if AS_ROOT:
                subprocess.run(["chattr", "+i", str(path)], check=True)
            else:
                path.chmod(0o555)


def make_writable(directory):
    for path in [directory, *directory.rglob("*")]:
        if path.is_dir():
            if AS_ROOT:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(0o755)


SQLITE_FILES = ("kommun.sqlite3", "kommun.sqlite3-wal", "kommun.sqlite3-shm")


def make_unreadable(var):
    if not AS_ROOT:
        (var / "kommun.sqlite3").chmod(0)
        return
    (var / "away").mkdir()
    for name in SQLITE_FILES:
        if (var / name).exists():
            (var / name).rename(var / "away" / name)


def make_readable(var):
    if not AS_ROOT:
        (var / "kommun.sqlite3").chmod(0o644)
        return
    for name in SQLITE_FILES:
        (var / name).unlink(missing_ok=True)  # the empty one a connection made meanwhile
        if (var / "away" / name).exists():
            (var / "away" / name).rename(var / name)
    (var / "away").rmdir()


def fault(site, name):
    """(start, end) of one fault, as two callables."""
    var = site.var
    return {
        "postgres": (site.proxies.get("postgres") and site.proxies["postgres"].cut, None),
        "redis": (site.proxies.get("redis") and site.proxies["redis"].cut, None),
        "smtp": (site.sink.stop, site.sink.start),
        "snapshots": (
            lambda: make_unwritable(var / "snapshots"),
            lambda: make_writable(var / "snapshots"),
        ),
        "sqlite": (lambda: make_unreadable(var), lambda: make_readable(var)),
    }[name]


def check_fault(site, name, outage):
    start, end = fault(site, name)
    if name in site.proxies:
        end = site.proxies[name].start
    site.publish(name)
    before = len(site.sink.message_ids())
    # In the middle of the fan-out: some messages out, most still to go.
    deadline = time.monotonic() + 30
    while len(site.sink.message_ids()) < before + 10:
        if time.monotonic() > deadline:
            raise Failure(f"{name}: the fan-out did not start within 30 s")
        time.sleep(0.1)
    status_file = var_status_file(site)
    kept = status_file.read_bytes()
    prober = Prober(site.port, site.public_paths(), "/sv/", OUTAGE_MESSAGE)
    prober.start()
    print(f"{name}: fault for {outage:.0f} s", flush=True)
    start()
    time.sleep(outage)
    if name in ("snapshots", "sqlite") and status_file.read_bytes() != kept:
        raise Failure(f"{name}: the last good snapshot was not left in place")
    end()
    ended = time.time()
    try:
        recovered, late = wait_for_recovery(site, name, ended), None
    except Failure as error:
        late = error
    prober.stop()
    if prober.problems:
        also = f"; and {late}" if late else ""
        raise Failure(
            f"{name}: {len(prober.problems)} bad answers, e.g. {prober.problems[:3]}{also}"
        )
    if late:
        raise late
    if name in ("postgres", "sqlite") and not prober.saw_503:
        raise Failure(f"{name}: no page said the database was unavailable: was there a fault?")
    print(f"{name}: {prober.answers} answers, all right; current again after {recovered:.0f} s")


def var_status_file(site):
    return site.var / "snapshots" / "localhost" / "sv" / "status.json"


def wait_for_recovery(site, name, ended):
    deadline = time.time() + RECOVERY_SECONDS
    while True:
        status, answer = site.readiness()
        checks = answer.get("checks", {})
        received = len(site.sink.message_ids())
        current = (
            status == 200
            and _after(checks.get("snapshots", {}).get("generated_at"), ended)
            and _after(checks.get("scheduler", {}).get("last_round"), ended)
            and received >= site.expected
        )
        if current:
            return time.time() - ended
        if time.time() > deadline:
            raise Failure(
                f"{name}: not current {RECOVERY_SECONDS} s after the fault ended: /readyz "
                f"{status} {json.dumps(checks)}; {received} of {site.expected} messages"
            )
        time.sleep(1)


def _after(iso, moment):
    from datetime import datetime

    return bool(iso) and datetime.fromisoformat(iso).timestamp() > moment


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--outage", type=float, default=15.0, help="seconds each fault lasts")
    parser.add_argument("--database-url", default=os.environ.get("CHAOS_DATABASE_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    parser.add_argument("--faults", help="comma-separated: postgres,redis,smtp,snapshots")
    options = parser.parse_args()
    if options.database == "postgres" and not (options.database_url and options.redis_url):
        parser.error("PostgreSQL needs --database-url (or CHAOS_DATABASE_URL) and --redis-url")
    default = "postgres,redis,smtp,snapshots" if options.database == "postgres" else "sqlite"
    faults = (options.faults or default).split(",")

    began = time.monotonic()
    var = Path(tempfile.mkdtemp(prefix="kommun-chaos-"))
    site = Installation(options, var)
    try:
        site.set_up()
        site.start()
        for name in faults:
            check_fault(site, name, options.outage)
        if site.restarts():
            raise Failure(f"a process was restarted: see {var / 'supervise.log'}")
        if not site.stop():
            raise Failure("the processes did not stop within 20 s of SIGTERM")
    except (Failure, subprocess.CalledProcessError) as error:
        site.stop()
        print(f"chaos: FAILED: {error}", file=sys.stderr)
        log = var / "supervise.log"
        if log.exists():
            print("chaos: the processes' last output:\n" + log.read_text()[-6000:])
        return 1
    finally:
        if (var / "snapshots").exists():
            make_writable(var / "snapshots")
    print(f"chaos: all faults ridden out in {time.monotonic() - began:.0f} s")
    shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
