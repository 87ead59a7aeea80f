"""
Importing the address register from CSV or GeoJSON.

Every row is checked first; the good rows are then written in one transaction, so an
import either happens completely or not at all. Re-importing the same register updates
addresses in place: an address is the same when street, number, letter and postcode are.
"""

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from .changes import bump_register_version
from .models import Address
from .normalize import address_key, fold

COLUMNS = ["street", "number", "letter", "postcode", "locality", "lat", "lon"]
LETTER = re.compile(r"^[A-ZÅÄÖ]{0,2}$")
POSTCODE = re.compile(r"^\d{5}$")
BATCH = 2000
UPDATED_FIELDS = ["street", "locality", "lat", "lon", "search_key"]


class RegisterError(ValueError):
    """The file as a whole cannot be imported (unreadable, wrong columns)."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: list = field(default_factory=list)  # (where, reason)

    @property
    def accepted(self):
        return self.created + self.updated + self.unchanged


def read_rows(path):
    """(where, {column: text}) for every row of a CSV or GeoJSON file."""
    path = Path(path)
    if not path.is_file():
        raise RegisterError(f"{path}: no such file")
    if path.suffix.lower() in (".geojson", ".json"):
        return _geojson_rows(path)
    return _csv_rows(path)


def _csv_rows(path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            header = [name.strip() for name in reader.fieldnames or []]
            if header != COLUMNS:
                raise RegisterError(
                    f"{path}: the header must be {','.join(COLUMNS)}, not {','.join(header)}"
                )
            return [(f"line {reader.line_num}", row) for row in reader]
    except UnicodeDecodeError:
        raise RegisterError(f"{path}: not UTF-8 text") from None
    except csv.Error as error:
        raise RegisterError(f"{path}: unreadable CSV: {error}") from None


def _geojson_rows(path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RegisterError(f"{path}: not valid GeoJSON: {error}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise RegisterError(f"{path}: expected a GeoJSON FeatureCollection of points")
    rows = []
    for number, feature in enumerate(data.get("features") or [], start=1):
        where = f"feature {number}"
        geometry = (feature or {}).get("geometry") or {}
        properties = dict((feature or {}).get("properties") or {})
        coordinates = geometry.get("coordinates")
        if (
            geometry.get("type") == "Point"
            and isinstance(coordinates, list)
            and len(coordinates) >= 2
        ):
            properties["lon"], properties["lat"] = coordinates[0], coordinates[1]
        else:
            properties["lon"] = properties["lat"] = None
        rows.append((where, {key: properties.get(key) for key in COLUMNS}))
    return rows


def to_address(row, site, bounds):
    """An unsaved Address from one row, or ValueError naming what is wrong."""
    text = {key: str(row.get(key) if row.get(key) is not None else "").strip() for key in COLUMNS}
    if not text["street"]:
        raise ValueError("street is empty")
    try:
        number = int(text["number"])
        if number < 1:
            raise ValueError
    except ValueError:
        raise ValueError(f"number {text['number']!r} is not a whole number above 0") from None
    letter = text["letter"].upper()
    if not LETTER.match(letter):
        raise ValueError(f"letter {text['letter']!r} is not one or two letters")
    postcode = text["postcode"].replace(" ", "")
    if not POSTCODE.match(postcode):
        raise ValueError(f"postcode {text['postcode']!r} is not five digits")
    if not text["locality"]:
        raise ValueError("locality is empty")
    try:
        lat, lon = float(text["lat"]), float(text["lon"])
    except ValueError:
        raise ValueError(f"coordinates {text['lat']!r}, {text['lon']!r} are not numbers") from None
    min_lon, min_lat, max_lon, max_lat = bounds
    if not (min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
        if min_lat <= lon <= max_lat and min_lon <= lat <= max_lon:
            raise ValueError("lat and lon are swapped")
        raise ValueError(f"the point {lat}, {lon} lies outside the municipality")
    street = " ".join(text["street"].split())
    return Address(
        site=site,
        street=street,
        number=number,
        letter=letter,
        postcode=postcode,
        locality=text["locality"],
        lat=lat,
        lon=lon,
        street_key=fold(street),
        search_key=address_key(street, number, letter),
    )


def identity(address):
    return (address.street_key, address.number, address.letter, address.postcode)


def import_register(rows, site, replace=False, strict=False, progress=None):
    """Checks every row, then writes the good ones to the site's register in one transaction."""
    from kommun.core.sites import municipality

    bounds = municipality(site).bounds
    report = ImportReport()
    wanted = {}
    seen_at = {}
    for where, row in tqdm(
        rows, desc="Checking", unit=" rows", file=progress, disable=progress is None
    ):
        try:
            address = to_address(row, site, bounds)
        except ValueError as error:
            report.rejected.append((where, str(error)))
            continue
        key = identity(address)
        if key in seen_at:
            report.rejected.append((where, f"the same address as {seen_at[key]}"))
            continue
        seen_at[key] = where
        wanted[key] = address
    if strict and report.rejected:
        return report

    with transaction.atomic():
        existing = {
            (row[1], row[2], row[3], row[4]): row
            for row in Address.objects.filter(site=site)
            .values_list("pk", "street_key", "number", "letter", "postcode", *UPDATED_FIELDS)
            .iterator(chunk_size=BATCH)
        }
        new, changed = [], []
        for key, address in wanted.items():
            stored = existing.get(key)
            if stored is None:
                new.append(address)
            elif tuple(stored[5:]) != tuple(getattr(address, f) for f in UPDATED_FIELDS):
                address.pk = stored[0]
                changed.append(address)
            else:
                report.unchanged += 1
        for start in tqdm(
            range(0, len(new), BATCH), desc="Writing", file=progress, disable=progress is None
        ):
            Address.objects.bulk_create(new[start : start + BATCH])
        Address.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=500)
        if replace:
            gone = [row[0] for key, row in existing.items() if key not in wanted]
            for start in range(0, len(gone), BATCH):
                Address.objects.filter(pk__in=gone[start : start + BATCH]).delete()
            report.removed = len(gone)
        report.created, report.updated = len(new), len(changed)
        transaction.on_commit(bump_register_version)
    return report
