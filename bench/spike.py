"""
HTTP benchmark of the status under a spike, with wrk (Debian's wrk package) and nginx.

The status JSON and the status page, each served
  (a) by nginx from the snapshot files, with deploy/nginx.conf as it is;
  (b) by `make run`'s server alone: granian, started with the Procfile's web line, from its
      static-file route for the snapshots;
  (c) by the Django views, uncached (granian, the same two workers);
  (d) by nginx as a plain static file of the same bytes, the ceiling for (a);
then an uncached news article at 1 connection and at 16, the time from publishing a
notice until nginx serves it, and each app process's memory after the run.

Everything runs on 127.0.0.1 in a throwaway directory with the demo municipality on SQLite.

    .venv/bin/python bench/spike.py [--runs 5] [--duration 10] [--connections 64]
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
APP_PORT, NGINX_PORT = 8810, 8811
HOST = "localhost"  # the demo site's host name: nginx picks the snapshot directory by it


def environment(var):
    return dict(
        os.environ,
        KOMMUN_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var}/kommun.sqlite3",
        DJANGO_SETTINGS_MODULE="kommun.settings.base",
        LOG_LEVEL="ERROR",
        KOMMUN_LOG_LEVEL="ERROR",
        KOMMUN_PORT=str(APP_PORT),
    )


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def granian_command(var):
    """The Procfile's web line, pointed at the throwaway directory."""
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    line = line.removeprefix("web:").replace("$KOMMUN_PORT", str(APP_PORT))
    line = line.replace(" var/", f" {var}/")
    return [str(ROOT / part) if part.startswith(".venv/") else part for part in line.split()]


def nginx_config(var, work):
    """deploy/nginx.conf on 127.0.0.1 without TLS, plus the plain-file ceiling (d)."""
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = server[: server.index("server {\n    listen 80;")]
    server = re.sub(r"    listen 443 ssl;\n    http2 on;\n", "", server)
    server = re.sub(r"    ssl_certificate.*\n", "", server)
    server = server.replace("server_name kommun.example;", f"listen 127.0.0.1:{NGINX_PORT};")
    server = server.replace("/srv/kommun/var", str(var))
    server = server.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{APP_PORT};")
    server = server.replace(
        "/etc/nginx/snippets/kommun-snapshot-headers.conf",
        str(ROOT / "deploy" / "kommun-snapshot-headers.conf"),
    )
    plain = (
        "    location /plain/ {\n"
        f"        root {work};\n"
        f"        include {ROOT / 'deploy' / 'kommun-snapshot-headers.conf'};\n"
        "    }\n"
        "    location = /api/v1/status"
    )
    server = server.replace("    location = /api/v1/status", plain, 1)
    return (
        "worker_processes auto;\n"
        f"pid {work}/nginx.pid;\n"
        f"error_log {work}/nginx-error.log;\n"
        "events { worker_connections 4096; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    access_log off;\n"
        f"    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;\n"
        f"    fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi;\n"
        f"    scgi_temp_path {work}/scgi;\n"
        f"{server}"
        "}\n"
    )


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request(url), timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def request(url):
    return urllib.request.Request(url, headers={"Host": HOST})


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, connections, duration, threads=2):
    threads = min(threads, connections)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            f"Host: {HOST}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"errors while benchmarking {url}:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(latency) != {"50", "99"}:
        raise SystemExit(f"wrk's output was not understood for {url}:\n{output}")
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "errors": errors.group(1) if errors else "",
    }


def spread(values, unit=""):
    return f"{min(values):,.1f} / {statistics.median(values):,.1f} / {max(values):,.1f}{unit}"


def rss_mib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def children(pid):
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True)
    return [int(p) for p in output.stdout.split()]


def publish_to_visible(env, app_url, nginx_url, runs, warm_up=2):
    """
    Seconds from sending a notice to the write API until nginx serves the new status, as
    an operations system publishes. Publish and resolve alternate, so every run changes
    the status. The first rounds warm up both app processes (templates compiled, code
    loaded) and are not counted.
    """
    token = subprocess.run(
        [PYTHON, "manage.py", "api_token", "create", "--user", "admin", "--services", "el"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]

    def call(path, payload):
        data = json.dumps(payload).encode()
        post = urllib.request.Request(
            f"{app_url}/api/v1{path}",
            data=data,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Host": HOST,
            },
        )
        with urllib.request.urlopen(post, timeout=60) as response:
            return json.load(response)

    def ongoing():
        with urllib.request.urlopen(request(f"{nginx_url}/api/v1/status")) as response:
            return json.load(response)["ongoing"]

    results = []
    for run in range(warm_up + runs):
        before = ongoing()
        started = time.perf_counter()
        notice = call(
            "/notices",
            {
                "headline": f"Strömavbrott {run}",
                "service": "el",
                "kind": "unplanned",
                "severity": "major",
                "affected_area": "Torget",
                "what_happened": "Mätning av publicering.",
            },
        )
        while ongoing() == before:
            pass
        if run >= warm_up:
            results.append(time.perf_counter() - started)
        call(f"/notices/{notice['id']}/resolve", {})
        while ongoing() != before:
            pass
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--only", default="", help="run only the scenarios whose name has this")
    options = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")

    work = Path(tempfile.mkdtemp(prefix="kommun-http-"))
    work.chmod(0o755)  # nginx's workers run as another user and must read the snapshots
    var = work / "var"
    env = environment(var)
    print(f"Setting up the demo municipality in {work}", file=sys.stderr)
    manage(env, "migrate", "--verbosity", "0")
    # Static files first: the demo's notices write snapshots, and pages name static files.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "setup_site")
    manage(env, "load_demo")
    subprocess.run(
        [PYTHON, "manage.py", "write_snapshots"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    plain = work / "plain"
    plain.mkdir()
    for name in ("status.json", "status.html"):
        shutil.copy(var / "snapshots" / HOST / "sv" / name, plain / name)
    (work / "nginx.conf").write_text(nginx_config(var, work))

    app = subprocess.Popen(
        granian_command(var), cwd=ROOT, env=env, stderr=subprocess.DEVNULL, start_new_session=True
    )
    nginx = subprocess.Popen(
        ["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"], start_new_session=True
    )
    try:
        app_url = f"http://127.0.0.1:{APP_PORT}"
        nginx_url = f"http://127.0.0.1:{NGINX_PORT}"
        wait_for(f"{app_url}/api/v1/status")
        wait_for(f"{nginx_url}/api/v1/status")
        article = subprocess.run(
            [
                PYTHON,
                "-c",
                "import django; django.setup(); from kommun.news.models import ArticlePage; "
                "a = ArticlePage.objects.live().filter(locale__language_code='sv')"
                ".order_by('-published').first(); print(a.get_url_parts()[2])",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

        scenarios = [
            ("JSON (a) nginx, snapshot file", f"{nginx_url}/api/v1/status"),
            ("JSON (b) granian static route", f"{app_url}/snapshots/{HOST}/sv/status.json"),
            ("JSON (c) Django view, uncached", f"{app_url}/api/v1/status"),
            ("JSON (d) nginx, plain static file", f"{nginx_url}/plain/status.json"),
            ("page (a) nginx, snapshot file", f"{nginx_url}/sv/driftinformation/"),
            ("page (b) granian static route", f"{app_url}/snapshots/{HOST}/sv/status.html"),
            ("page (c) Django view, uncached", f"{app_url}/sv/driftinformation/"),
            ("page (d) nginx, plain static file", f"{nginx_url}/plain/status.html"),
        ]
        # Warm up: the first view of the article makes its image renditions.
        for url in [url for _name, url in scenarios] + [f"{app_url}{article}"]:
            with urllib.request.urlopen(request(url), timeout=120) as response:
                response.read()
        # Every snapshot URL must serve exactly the plain file's bytes.
        for name, url in scenarios:
            if "(a)" in name or "(b)" in name:
                with urllib.request.urlopen(request(url)) as response:
                    suffix = "json" if "JSON" in name else "html"
                    assert response.read() == (plain / f"status.{suffix}").read_bytes(), name
                    # From the file, not from the app behind it.
                    if "(a)" in name:
                        assert "max-age=10," in response.headers["Cache-Control"], name

        results = {}
        scenarios = [(name, url) for name, url in scenarios if options.only in name]
        for name, url in scenarios:
            runs = [wrk(url, options.connections, options.duration) for _ in range(options.runs)]
            results[name] = runs
            print(f"{name}: {options.connections} connections", file=sys.stderr)
        article_runs = {
            1: [wrk(f"{app_url}{article}", 1, options.duration) for _ in range(options.runs)],
            16: [wrk(f"{app_url}{article}", 16, options.duration) for _ in range(options.runs)],
        }
        visible = publish_to_visible(env, app_url, nginx_url, options.runs)
        memory = [rss_mib(pid) for pid in children(app.pid)]

        print(
            f"\n{options.runs} runs of {options.duration} s each, min / median / max; "
            f"{os.cpu_count()} CPUs\n"
        )
        print(f"| what ({options.connections} connections) | req/s | p50 ms | p99 ms | errors |")
        print("| --- | --- | --- | --- | --- |")
        for name, runs in results.items():
            errors = "; ".join(r["errors"] for r in runs if r["errors"]) or "none"
            print(
                f"| {name} | {spread([r['rps'] for r in runs])} | "
                f"{spread([r['p50'] for r in runs])} | {spread([r['p99'] for r in runs])} "
                f"| {errors} |"
            )
        for connections, runs in article_runs.items():
            print(
                f"| news article, uncached, {connections} connection(s) | "
                f"{spread([r['rps'] for r in runs])} | {spread([r['p50'] for r in runs])} | "
                f"{spread([r['p99'] for r in runs])} |"
            )
        print(f"\npublish to visible through nginx (s): {spread(visible)}")
        memory = ", ".join(f"{m:.0f}" for m in memory)
        print(f"app worker processes' RSS after the run (MiB): {memory}")
        print(f"granian main process RSS (MiB): {rss_mib(app.pid):.0f}")
    finally:
        for process in (app, nginx):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
