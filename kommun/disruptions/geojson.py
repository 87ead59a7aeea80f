"""Notices as GeoJSON (RFC 7946): for the maps and for integrators."""

from django.utils import timezone
from shapely.geometry import mapping

from .affected import notice_geometry

DECIMALS = 6


def _rounded(coordinates):
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], float):
        return [round(value, DECIMALS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


def notice_feature(notice, url, now):
    geometry = notice_geometry(notice)
    if geometry is not None:
        geometry = dict(mapping(geometry))
        geometry["coordinates"] = _rounded(geometry["coordinates"])
    return {
        "type": "Feature",
        "id": notice.pk,
        "geometry": geometry,
        "properties": {
            "headline": notice.headline,
            "service": notice.service.display_name,
            "kind": notice.kind,
            "severity": notice.severity,
            "state": notice.state_at(now).value,
            "starts_at": notice.starts_at.isoformat(),
            "affected_area": notice.affected_area,
            "streets": [street.description for street in notice.streets.all()],
            "url": url,
        },
    }


def feature_collection(notices, make_url):
    now = timezone.now()
    return {
        "type": "FeatureCollection",
        "features": [notice_feature(n, make_url(n), now) for n in notices],
    }
