from django.conf import settings
from django.core.management.base import BaseCommand

from kommun.core.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Creates the home page, status page, news index and services where they are missing."

    def handle(self, *args, **options):
        home = ensure_site_structure(site_name=settings.WAGTAIL_SITE_NAME)
        self.stdout.write(f"Site ready: {home.title}")
