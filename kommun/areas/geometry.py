"""
Polygons as editors give them (GeoJSON, WGS84, longitude before latitude), checked before
they are stored. Every refusal says what is wrong in words an editor can act on.
"""

import json

import shapely
from django.conf import settings
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.validation import explain_validity


class GeometryError(ValueError):
    """Geometry that cannot be stored as it is. repairable: make_valid() would fix it."""

    def __init__(self, message, repairable=False):
        super().__init__(message)
        self.repairable = repairable


def municipality_bbox():
    """(min_lon, min_lat, max_lon, max_lat) that every area must lie within."""
    return tuple(settings.MUNICIPALITY_BBOX)


def parse_area(text, repair=False, bounds=None):
    """
    A Polygon or MultiPolygon from GeoJSON text (a geometry, a Feature, or a
    FeatureCollection of polygons). Returns the shapely geometry.
    """
    try:
        data = json.loads(text) if isinstance(text, str) else text
    except json.JSONDecodeError as error:
        raise GeometryError(
            _("Not valid GeoJSON: %(error)s (line %(line)d, column %(column)d).")
            % {"error": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    polygons = [_polygon_from(geometry) for geometry in _geometries(data)]
    geometry = polygons[0] if len(polygons) == 1 else MultiPolygon(_flatten(polygons))
    _check_bounds(geometry, bounds or municipality_bbox())
    if not geometry.is_valid:
        if not repair:
            raise GeometryError(
                _("The shape is not valid: %(reason)s. It can be repaired automatically.")
                % {"reason": explain_validity(geometry)},
                repairable=True,
            )
        geometry = _polygonal(shapely.make_valid(geometry))
    return geometry


def _geometries(data):
    if not isinstance(data, dict) or "type" not in data:
        raise GeometryError(_("Not GeoJSON: expected an object with a type."))
    if data["type"] == "FeatureCollection":
        features = data.get("features") or []
        if not features:
            raise GeometryError(_("The FeatureCollection has no features."))
        return [feature.get("geometry") for feature in features]
    if data["type"] == "Feature":
        return [data.get("geometry")]
    return [data]


def _polygon_from(geometry):
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        raise GeometryError(
            _("An area must be a Polygon or MultiPolygon, not %(kind)s.") % {"kind": kind}
        )
    rings = (
        geometry.get("coordinates", [])
        if geometry["type"] == "Polygon"
        else [ring for polygon in geometry.get("coordinates", []) for ring in polygon]
    )
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise GeometryError(_("A polygon ring needs at least four positions."))
        if ring[0] != ring[-1]:
            raise GeometryError(
                _("A polygon ring is not closed: its first and last positions differ.")
            )
    try:
        return shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as error:
        raise GeometryError(
            _("The coordinates cannot be read: %(error)s") % {"error": error}
        ) from None


def _flatten(polygons):
    for polygon in polygons:
        yield from polygon.geoms if isinstance(polygon, MultiPolygon) else [polygon]


def _check_bounds(geometry, bounds):
    min_lon, min_lat, max_lon, max_lat = bounds
    box = shapely.box(min_lon, min_lat, max_lon, max_lat)
    if box.covers(geometry):
        return
    swapped = shapely.transform(geometry, lambda coordinates: coordinates[:, ::-1])
    if box.covers(swapped):
        raise GeometryError(
            _(
                "The coordinates are in the wrong order: GeoJSON gives longitude first, "
                "then latitude."
            )
        )
    raise GeometryError(
        _(
            "The shape lies outside the municipality (longitude %(min_lon)s to %(max_lon)s, "
            "latitude %(min_lat)s to %(max_lat)s)."
        )
        % {"min_lon": min_lon, "max_lon": max_lon, "min_lat": min_lat, "max_lat": max_lat}
    )


def _polygonal(geometry):
    """make_valid can return a collection with lines or points; keep the areas."""
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    if not parts:
        raise GeometryError(_("Nothing of the shape is left after repairing it."))
    return shapely.union_all(parts)


def to_geojson(geometry):
    return json.dumps(mapping(geometry), separators=(",", ":"))


def from_geojson(text):
    return shape(json.loads(text)) if text else None
