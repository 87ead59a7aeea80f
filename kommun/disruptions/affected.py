"""
Which notices affect an address, and which addresses a notice affects.

The geometry of every open notice (its areas and its drawn polygon) sits in one STRtree.
The tree is built once per change, in each process that needs it: saving an area, a
notice or its streets bumps a version in the shared cache, and a process rebuilds only when
the version it built from is no longer the current one.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

import numpy
import shapely
from django.core.cache import cache
from django.utils import timezone, translation
from shapely import STRtree

from kommun.areas.changes import REGISTER_VERSION_KEY
from kommun.areas.geometry import from_geojson
from kommun.areas.models import Address
from kommun.areas.normalize import fold

from .models import Notice, State, localize

INDEX_VERSION_KEY = "areas:index-version"
COUNT_TIMEOUT = 24 * 60 * 60


def bump_index_version():
    cache.set(INDEX_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _version(key):
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, timeout=None)
        version = cache.get(key) or version
    return version


@dataclass
class NoticeIndex:
    version: str
    tree: STRtree
    notice_ids: list  # for each geometry in the tree, the notices it belongs to
    streets: dict  # folded street name -> [(notice id, NoticeStreet)]

    def notice_ids_at(self, lon, lat, street_key=None, number=None):
        point = shapely.Point(lon, lat)
        # "intersects", not "within": an address on an area's edge is affected.
        found = {
            nid
            for item in self.tree.query(point, predicate="intersects")
            for nid in self.notice_ids[item]
        }
        if street_key is not None:
            found |= {
                nid for nid, street in self.streets.get(street_key, ()) if street.covers(number)
            }
        return found


_built = None


def notice_index():
    global _built
    version = _version(INDEX_VERSION_KEY)
    if _built is None or _built.version != version:
        _built = build_index(version)
    return _built


def build_index(version):
    # Everything not yet ended; whether it is still open is checked again at lookup.
    notices = (
        Notice.objects.all_originals()
        .filter(live=True)
        .not_ended(timezone.now())
        .prefetch_related("areas", "streets")
    )
    geometries, owners = [], []
    area_slot = {}
    streets = defaultdict(list)
    for notice in notices:
        for area in notice.areas.all():
            if area.pk not in area_slot:
                area_slot[area.pk] = len(geometries)
                geometries.append(from_geojson(area.geometry))
                owners.append([])
            owners[area_slot[area.pk]].append(notice.pk)
        if notice.polygon:
            geometries.append(from_geojson(notice.polygon))
            owners.append([notice.pk])
        for street in notice.streets.all():
            streets[fold(street.street)].append((notice.pk, street))
    return NoticeIndex(version, STRtree(geometries), owners, dict(streets))


def open_notices(site, ids, now):
    """The site's notices among ids that are ongoing or planned now, most pressing first."""
    notices = (
        Notice.objects.public(site)
        .filter(pk__in=ids)
        .select_related("service", "locale")
        .prefetch_related("updates")
    )
    notices = localize(notices, translation.get_language())
    open_ = [n for n in notices if n.state_at(now) in (State.ONGOING, State.PLANNED)]
    return sorted(open_, key=lambda n: (n.state_at(now) != State.ONGOING, n.starts_at))


def notices_affecting_address(address, now):
    ids = notice_index().notice_ids_at(address.lon, address.lat, address.street_key, address.number)
    return open_notices(address.site, ids, now)


def notices_affecting_point(site, lon, lat, now):
    return open_notices(site, notice_index().notice_ids_at(lon, lat), now)


def notice_geometry(notice):
    """The union of a notice's areas and drawn polygon, or None."""
    parts = [from_geojson(area.geometry) for area in notice.areas.all()]
    if notice.polygon:
        parts.append(from_geojson(notice.polygon))
    return shapely.union_all(parts) if parts else None


def affected_addresses_of(notice):
    """(id, street, number) of every registered address the notice affects."""
    found = {}
    geometry = notice_geometry(notice)
    if geometry is not None:
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        rows = list(
            Address.objects.filter(
                site_id=notice.service.site_id,
                lon__gte=min_lon,
                lon__lte=max_lon,
                lat__gte=min_lat,
                lat__lte=max_lat,
            ).values_list("pk", "street", "number", "lon", "lat")
        )
        if rows:
            coordinates = numpy.array([(row[3], row[4]) for row in rows], dtype=float)
            shapely.prepare(geometry)
            inside = shapely.intersects_xy(geometry, coordinates[:, 0], coordinates[:, 1])
            found.update((row[0], row[:3]) for row, hit in zip(rows, inside, strict=True) if hit)
    for street in notice.streets.all():
        candidates = Address.objects.filter(
            site_id=notice.service.site_id, street_key=fold(street.street)
        ).values_list("pk", "street", "number")
        found.update((row[0], row) for row in candidates if street.covers(row[2]))
    return list(found.values())


@dataclass(frozen=True)
class AffectedAddresses:
    count: int
    streets: tuple  # ("Storgatan 1–40", ...) in alphabetical order


def affected_addresses(notice):
    """How many registered addresses a notice affects, and on which streets; cached per change."""
    key = (
        f"areas:affected:{notice.pk}:{notice.latest_revision_id}:"
        f"{notice.updated_at.timestamp()}:{_version(REGISTER_VERSION_KEY)}"
    )
    result = cache.get(key)
    if result is None:
        result = describe(affected_addresses_of(notice))
        cache.set(key, result, timeout=COUNT_TIMEOUT)
    return result


def describe(addresses):
    numbers = defaultdict(list)
    for _pk, street, number in addresses:
        numbers[street].append(number)
    streets = tuple(
        f"{street} {min(found)}–{max(found)}"
        if min(found) != max(found)
        else f"{street} {found[0]}"
        for street, found in sorted(numbers.items())
    )
    return AffectedAddresses(count=len(addresses), streets=streets)
