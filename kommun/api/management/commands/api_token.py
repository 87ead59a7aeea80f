from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import APIToken

from kommun.api.models import TokenScope
from kommun.disruptions.models import Service


class Command(BaseCommand):
    help = "Creates an API token for a user, limited to some services; prints it as the last line."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="action", required=True)
        create = subcommands.add_parser("create", help="create a token")
        create.add_argument("--user", required=True, help="the username the token acts as")
        create.add_argument(
            "--services", required=True, help="comma-separated service slugs, e.g. el,fjarrvarme"
        )
        create.add_argument("--name", help="a label for the token (default: the services)")

    def handle(self, *args, action, user, services, name=None, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"no user is called {user!r}")
        slugs = [slug.strip() for slug in services.split(",") if slug.strip()]
        if not slugs:
            raise CommandError("--services names no service")
        found = {service.slug: service for service in Service.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise CommandError(f"unknown service: {', '.join(unknown)}")
        with transaction.atomic():
            token, plaintext = APIToken.create_token(user=account, name=name or ", ".join(slugs))
            TokenScope.objects.create(token=token).services.set(found.values())
            log(token, "wagtail.apitoken.create", user=account)
        self.stderr.write(f"Created token {token.prefix}… for {user}: {', '.join(slugs)}")
        self.stdout.write(plaintext)
