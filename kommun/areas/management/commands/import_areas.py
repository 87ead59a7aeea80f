import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kommun.areas.geometry import GeometryError, parse_area, to_geojson
from kommun.areas.models import Area
from kommun.core.sites import municipality as municipality_settings
from kommun.core.sites import site_by_hostname


class Command(BaseCommand):
    help = (
        "Imports areas from a GeoJSON FeatureCollection of polygons. Each feature needs the "
        "property name and may have kind. An area with the same name is updated. Nothing is "
        "imported if any feature is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--repair", action="store_true", help="repair invalid shapes instead of refusing them"
        )
        parser.add_argument(
            "--site",
            help="the municipality's host name (default: the default site)",
        )

    def handle(self, *args, file, repair, site=None, **options):
        municipality = site_by_hostname(site)
        bounds = municipality_settings(municipality).bounds
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file}: cannot be read as GeoJSON: {error}") from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise CommandError(f"{file}: expected a GeoJSON FeatureCollection")

        areas, problems = [], []
        kinds = set(Area.Kind.values)
        for number, feature in enumerate(data.get("features") or [], start=1):
            properties = (feature or {}).get("properties") or {}
            name = str(properties.get("name") or "").strip()
            kind = properties.get("kind") or Area.Kind.OTHER
            try:
                if not name:
                    raise GeometryError("the property name is missing")
                if kind not in kinds:
                    raise GeometryError(f"kind {kind!r} is not one of {', '.join(sorted(kinds))}")
                geometry = parse_area(feature.get("geometry"), repair=repair, bounds=bounds)
            except GeometryError as error:
                problems.append(f"feature {number} ({name or 'no name'}): {error}")
                continue
            areas.append((name, kind, to_geojson(geometry)))
        if problems:
            raise CommandError("nothing was imported:\n" + "\n".join(problems))

        with transaction.atomic():
            for name, kind, geometry in areas:
                Area.objects.update_or_create(
                    site=municipality, name=name, defaults={"kind": kind, "geometry": geometry}
                )
        self.stdout.write(f"{len(areas)} areas imported")
