from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import APIToken, Site

from kommun.api.models import TokenScope
from kommun.core.sites import user_site
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
        create.add_argument(
            "--site",
            help="the municipality's host name (default: the user's own municipality, "
            "or the default site for a superuser)",
        )

    def handle(self, *args, action, user, services, name=None, site=None, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"no user is called {user!r}")
        municipality = self.municipality(account, site)
        slugs = [slug.strip() for slug in services.split(",") if slug.strip()]
        if not slugs:
            raise CommandError("--services names no service")
        found = {
            service.slug: service
            for service in Service.objects.filter(site=municipality, slug__in=slugs)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise CommandError(f"{municipality.hostname} has no service {', '.join(unknown)}")
        with transaction.atomic():
            token, plaintext = APIToken.create_token(user=account, name=name or ", ".join(slugs))
            scope = TokenScope.objects.create(token=token, site=municipality)
            scope.services.set(found.values())
            log(token, "wagtail.apitoken.create", user=account)
        self.stderr.write(f"Created token {token.prefix}… for {user}: {', '.join(slugs)}")
        self.stdout.write(plaintext)

    def municipality(self, account, hostname):
        own = user_site(account)
        if hostname is None:
            found = own or Site.objects.filter(is_default_site=True).first()
        else:
            found = Site.objects.filter(hostname=hostname).first()
            if found is None:
                raise CommandError(f"no site has the host name {hostname!r}")
        if found is None or (own is not None and found != own):
            raise CommandError(f"{account.username} does not work for that municipality")
        return found
