from django.core.management.base import BaseCommand, CommandError

from kommun.areas.register import RegisterError, import_register, read_rows
from kommun.core.sites import site_by_hostname


class Command(BaseCommand):
    help = (
        "Imports the address register from CSV (header street,number,letter,postcode,"
        "locality,lat,lon; WGS84) or GeoJSON points with the same properties. Re-importing "
        "updates addresses in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="also remove registered addresses that the file does not have",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="import nothing if any row is rejected",
        )
        parser.add_argument(
            "--site",
            help="the municipality's host name (default: the default site)",
        )

    def handle(self, *args, file, replace, strict, site=None, **options):
        municipality = site_by_hostname(site)
        try:
            rows = read_rows(file)
        except RegisterError as error:
            raise CommandError(str(error)) from None
        progress = self.stderr._out if options["verbosity"] > 0 else None
        report = import_register(
            rows, site=municipality, replace=replace, strict=strict, progress=progress
        )
        for where, reason in report.rejected:
            self.stderr.write(f"rejected {where}: {reason}")
        if strict and report.rejected:
            raise CommandError(f"{len(report.rejected)} rows rejected; nothing was imported")
        self.stdout.write(
            f"{report.accepted} addresses: {report.created} new, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} removed; "
            f"{len(report.rejected)} rows rejected"
        )
