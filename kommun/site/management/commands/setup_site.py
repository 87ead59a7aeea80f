from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kommun.site.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Creates a municipality's site where it is missing: home page, status page, news index "
        "and accessibility statement in every language, its services and its editor groups. "
        "Without options, the default site; with --hostname, another municipality."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", help="the new municipality's host name")
        parser.add_argument("--name", help="its name (default: SITE_NAME)")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="the language its notices and news are written in first",
        )
        parser.add_argument("--time-zone", help="e.g. Europe/Kyiv (default: Europe/Stockholm)")

    def handle(self, *args, hostname=None, name=None, language=None, time_zone=None, **options):
        from zoneinfo import available_timezones

        if time_zone and time_zone not in available_timezones():
            raise CommandError(f"{time_zone!r} is not a known time zone, e.g. Europe/Kyiv")
        home = ensure_site_structure(
            site_name=name or settings.WAGTAIL_SITE_NAME,
            hostname=hostname or "localhost",
            language=language,
            time_zone=time_zone,
            is_default_site=hostname is None,
        )
        self.stdout.write(f"Site ready: {home.title} ({home.get_site().hostname})")
