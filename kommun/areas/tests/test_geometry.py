import json

import pytest
from django.utils import translation

from kommun.areas.geometry import GeometryError, parse_area

from .conftest import NORTH


@pytest.fixture(autouse=True)
def in_english():
    """The messages are checked in English; editors read them in their own language."""
    with translation.override("en"):
        yield


BOWTIE = [[15.0, 59.0], [15.1, 59.1], [15.1, 59.0], [15.0, 59.1], [15.0, 59.0]]


def as_text(ring, kind="Polygon"):
    return json.dumps({"type": kind, "coordinates": [ring]})


def test_a_valid_polygon_is_accepted_as_a_feature_or_a_bare_geometry():
    bare = parse_area(as_text(NORTH))
    feature = parse_area(
        json.dumps({"type": "Feature", "properties": {}, "geometry": json.loads(as_text(NORTH))})
    )
    assert bare.equals(feature)
    assert bare.geom_type == "Polygon"


def test_a_self_intersecting_polygon_is_refused_but_can_be_repaired_on_request():
    with pytest.raises(GeometryError, match="not valid: Self-intersection") as caught:
        parse_area(as_text(BOWTIE))
    assert caught.value.repairable is True

    repaired = parse_area(as_text(BOWTIE), repair=True)
    assert repaired.is_valid
    assert repaired.geom_type in ("Polygon", "MultiPolygon")
    assert repaired.area > 0


def test_an_unclosed_ring_is_refused():
    with pytest.raises(GeometryError, match="not closed"):
        parse_area(as_text(NORTH[:-1] + [[15.0, 59.05]]))


def test_coordinates_in_the_wrong_order_are_named_as_such():
    swapped = [[lat, lon] for lon, lat in NORTH]
    with pytest.raises(GeometryError, match="wrong order: GeoJSON gives longitude first"):
        parse_area(as_text(swapped))


def test_a_shape_outside_the_municipality_is_refused():
    stockholm = [[18.0, 59.3], [18.1, 59.3], [18.1, 59.4], [18.0, 59.4], [18.0, 59.3]]
    with pytest.raises(GeometryError, match="outside the municipality"):
        parse_area(as_text(stockholm))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "Not valid GeoJSON"),
        ('{"type": "Point", "coordinates": [15.0, 59.0]}', "Polygon or MultiPolygon, not Point"),
        ('{"type": "FeatureCollection", "features": []}', "no features"),
        ('{"type": "Polygon", "coordinates": [[[15.0, 59.0], [15.0, 59.0]]]}', "at least four"),
    ],
)
def test_other_bad_input_is_named(text, message):
    with pytest.raises(GeometryError, match=message):
        parse_area(text)


def test_the_admin_refuses_an_invalid_area_until_the_editor_asks_for_repair(
    client, admin_user, home
):
    client.force_login(admin_user)
    form = {
        "site": home.get_site().pk,
        "name": "Fjärilen",
        "kind": "district",
        "geometry": as_text(BOWTIE),
    }
    refused = client.post("/admin/snippets/areas/area/add/", form)
    assert refused.status_code == 200
    assert "It can be repaired automatically" in refused.content.decode() or (
        "kan repareras" in refused.content.decode()
    )
    accepted = client.post("/admin/snippets/areas/area/add/", form | {"repair": "on"})
    assert accepted.status_code == 302
    from kommun.areas.models import Area

    stored = parse_area(Area.objects.get(name="Fjärilen").geometry)
    assert stored.is_valid


def write_collection(tmp_path, features):
    path = tmp_path / "omraden.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def feature(name, ring, kind="village"):
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind},
        "geometry": json.loads(as_text(ring)),
    }


def test_areas_are_imported_from_geojson_and_updated_by_name(db, tmp_path):
    from django.core.management import call_command

    from kommun.areas.models import Area

    call_command("import_areas", str(write_collection(tmp_path, [feature("Norrby", NORTH)])))
    call_command(
        "import_areas",
        str(write_collection(tmp_path, [feature("Norrby", NORTH, kind="pressure_zone")])),
    )
    assert list(Area.objects.values_list("name", "kind")) == [("Norrby", "pressure_zone")]


def test_an_import_with_a_bad_feature_imports_nothing_and_names_it(db, tmp_path):
    from django.core.management import CommandError, call_command

    from kommun.areas.models import Area

    path = write_collection(tmp_path, [feature("Norrby", NORTH), feature("Fjärilen", BOWTIE)])
    with pytest.raises(CommandError, match=r"feature 2 \(Fjärilen\): The shape is not valid"):
        call_command("import_areas", str(path))
    assert not Area.objects.exists()
    call_command("import_areas", str(path), "--repair")
    assert Area.objects.count() == 2
