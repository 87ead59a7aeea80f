"""
The operator deploys with kommun.settings.production: Django's own deployment checklist
(`manage.py check --deploy`) finds nothing to warn about.
"""

import os
import secrets
import subprocess
import sys

from django.conf import settings

CHECK = "from django.core.management import call_command; call_command('check', deploy=True)"


def test_the_deployment_checklist_finds_nothing_in_the_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kommun.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "KOMMUN_VAR_DIR": str(tmp_path),
    }
    # Whatever the test run's environment says, the defaults are what is checked.
    for name in ("DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    for name in ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"):
        env.pop(name, None)
    # The browser tests set this for their own process (Playwright runs an event loop);
    # a production host never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {CHECK}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout + done.stderr


def test_behind_the_nginx_of_deploy_the_clients_own_address_counts():
    """Without a trusted proxy, every resident would be nginx's 127.0.0.1 to the limits."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kommun.settings.production"}
    env.update(SECRET_KEY=secrets.token_urlsafe(64))
    env.pop("TRUSTED_PROXIES", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    ask = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from kommun.core.limits import client_address; "
        "r = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_FORWARDED_FOR='198.51.100.7'); print(client_address(r))"
    )
    done = subprocess.run(
        [sys.executable, "-c", ask],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "198.51.100.7"
