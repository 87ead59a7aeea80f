"""
Benchmark of the address register and the lookup, on a throwaway SQLite database:

- importing 100,000 generated addresses (target: under 60 s), and importing them again;
- 1,000 area polygons shared by 200 open notices;
- p50 and p99 latency of looking up an address typed as text (target: p99 at most 5 ms);
- finding every affected address for a new notice (target: at most 1 s).

Run from the repository root:  .venv/bin/python bench/lookup.py [--addresses N] [--lookups N]
With --csv FILE it only writes the generated register as CSV, to time import_addresses itself.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["KOMMUN_VAR_DIR"] = tempfile.mkdtemp(prefix="kommun-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "kommun.settings.base"
# Its own throwaway database, whatever DATABASE_URL the caller has.
os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['KOMMUN_VAR_DIR']}/kommun.sqlite3"
os.environ.setdefault("LOG_LEVEL", "ERROR")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addresses", type=int, default=100_000)
    parser.add_argument("--areas", type=int, default=1_000)
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--csv", help="write the generated register to this file and stop")
    options = parser.parse_args()

    import django

    django.setup()
    if options.csv:
        return write_csv(options.csv, options.addresses)
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from shapely.geometry import Polygon

    from kommun.areas.geometry import to_geojson
    from kommun.areas.lookup import find
    from kommun.areas.models import Address, Area
    from kommun.areas.register import import_register
    from kommun.demo.addresses import generate_addresses, generate_squares
    from kommun.disruptions.affected import affected_addresses_of, notices_affecting_address
    from kommun.disruptions.models import Notice, Service
    from kommun.site.site_structure import ensure_site_structure

    call_command("migrate", verbosity=0)
    site = ensure_site_structure().get_site()
    bbox = settings.MUNICIPALITY_BBOX
    print(f"database: SQLite in {os.environ['KOMMUN_VAR_DIR']}")

    rows = [(f"row {n}", row) for n, row in enumerate(generate_addresses(options.addresses, bbox))]
    started = time.perf_counter()
    report = import_register(rows, site)
    first_import = time.perf_counter() - started
    started = time.perf_counter()
    import_register(rows, site)
    second_import = time.perf_counter() - started
    print(f"import of {report.created:,} addresses: {first_import:.1f} s (target < 60 s)")
    print(f"re-import of the same file (all unchanged): {second_import:.1f} s")

    areas = Area.objects.bulk_create(
        Area(site=site, name=f"Område {n}", geometry=to_geojson(Polygon(ring)))
        for n, ring in enumerate(generate_squares(options.areas, bbox))
    )
    water = Service.objects.get(slug="vatten-och-avlopp")
    rng = random.Random(3)
    for n in range(200):
        notice = Notice(
            headline=f"Avbrott {n}",
            service=water,
            affected_area="Se kartan",
            what_happened="Benchmark",
        )
        notice.save()
        notice.areas.set(areas[n * 5 : n * 5 + 5])
        notice.save()
    print(f"{len(areas):,} areas on 200 open notices")

    now = timezone.now()
    sample = rng.sample(list(Address.objects.all()), min(options.lookups, options.addresses))
    started = time.perf_counter()
    notices_affecting_address(sample[0], now)
    print(
        f"first lookup, building the spatial index: {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    timings, affected = [], 0
    for address in sample:
        typed = f"{address.street.lower()} {address.number}{address.letter.lower()}"
        started = time.perf_counter()
        found = find(typed)
        notices = notices_affecting_address(found[0], now) if found else []
        timings.append((time.perf_counter() - started) * 1000)
        affected += bool(notices)
    print(
        f"lookup of {len(timings):,} typed addresses: p50 {statistics.median(timings):.2f} ms, "
        f"p99 {percentile(timings, 0.99):.2f} ms (target p99 <= 5 ms); "
        f"{affected:,} of them affected"
    )

    for label, fraction in [("a district (1/10 of the box)", 0.1), ("the whole box", 1.0)]:
        min_lon, min_lat, max_lon, max_lat = bbox
        width, height = (max_lon - min_lon) * fraction**0.5, (max_lat - min_lat) * fraction**0.5
        square = Polygon(
            [
                (min_lon, min_lat),
                (min_lon + width, min_lat),
                (min_lon + width, min_lat + height),
                (min_lon, min_lat + height),
            ]
        )
        notice = Notice(
            headline=f"Ny: {label}",
            service=water,
            affected_area=label,
            what_happened="Benchmark",
            polygon=to_geojson(square),
        )
        notice.save()
        started = time.perf_counter()
        found = affected_addresses_of(notice)
        elapsed = time.perf_counter() - started
        print(
            f"every affected address of a new notice over {label}: {len(found):,} in "
            f"{elapsed * 1000:.0f} ms (target <= 1000 ms)"
        )


def write_csv(path, count):
    import csv

    from django.conf import settings

    from kommun.areas.register import COLUMNS
    from kommun.demo.addresses import generate_addresses

    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(generate_addresses(count, settings.MUNICIPALITY_BBOX))
    print(f"wrote {count:,} generated addresses to {path}")


if __name__ == "__main__":
    main()
