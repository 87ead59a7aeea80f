"""
A throwaway installation for bench/fanout.py and scripts/fault_worker_kill.py: its own
SQLite database in a temporary folder, N email subscribers and one critical notice.
Everything listens on 127.0.0.1.
"""

import os
import socket
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(var, smtp_port, **extra):
    """Settings for this process and the workers it starts; call before django.setup()."""
    env = dict(
        os.environ,
        KOMMUN_VAR_DIR=str(var),
        # Its own throwaway database, whatever DATABASE_URL the caller has.
        DATABASE_URL=f"sqlite:///{var}/kommun.sqlite3",
        DJANGO_SETTINGS_MODULE="kommun.settings.base",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        LOG_LEVEL="ERROR",
        **{key: str(value) for key, value in extra.items()},
    )
    os.environ.update(env)
    return env


def populate(subscribers):
    """Migrates, adds the subscribers and publishes one notice they all follow.
    Returns how long publishing took, delivery rows included."""
    from django.core.management import call_command
    from django.utils import timezone

    from kommun.disruptions.models import Notice, Service
    from kommun.site.site_structure import ensure_site_structure
    from kommun.subscriptions.models import Subscription

    call_command("migrate", verbosity=0)
    # Publishing writes the status snapshots, whose pages name the static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    home = ensure_site_structure()
    site = home.get_site()
    now = timezone.now()
    Subscription.objects.bulk_create(
        (
            Subscription(
                site=site, channel="email", destination=f"r{n}@example.org", confirmed_at=now
            )
            for n in range(subscribers)
        ),
        batch_size=5000,
    )
    notice = Notice(
        headline="Kokningsrekommendation i hela Sjövik",
        service=Service.objects.get(site=site, slug="vatten-och-avlopp"),
        severity=Notice.Severity.CRITICAL,
        affected_area="Hela kommunen",
        what_happened="Prov av utskicken.",
    )
    started = time.perf_counter()
    notice.publish_change()
    return time.perf_counter() - started
