import json
import re
from datetime import timedelta

from lxml import etree
from shapely.geometry import shape

from kommun.feeds.cap import NAMESPACE

from .conftest import EAST, polygon

NS = {"cap": NAMESPACE}
PAIR = re.compile(r"^-?\d{1,2}\.\d{1,6},-?\d{1,3}\.\d{1,6}$")


def test_the_geojson_endpoint_is_a_valid_feature_collection_of_open_notices(
    rita, make_notice, north
):
    make_notice(headline="Vatten i Norrby", areas=[north])
    make_notice(headline="Utan karta")
    make_notice(headline="Lagad", areas=[north], ends=-timedelta(hours=1))

    response = rita.get("/sv/feeds/driftinformation.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_headline = {f["properties"]["headline"]: f for f in data["features"]}
    assert set(by_headline) == {"Vatten i Norrby", "Utan karta"}
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["id"], int)
        assert set(feature) == {"type", "id", "geometry", "properties"}
    mapped = by_headline["Vatten i Norrby"]["geometry"]
    assert shape(mapped).is_valid
    ring = mapped["coordinates"][0]
    assert ring[0] == ring[-1]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    assert by_headline["Utan karta"]["geometry"] is None


def test_cap_areas_carry_closed_polygons_that_validate(rita, make_notice, north, east, cap_schema):
    notice = make_notice(headline="Vatten", areas=[north], polygon=polygon(EAST))
    document = rita.get(f"/cap/notice/{notice.pk}.xml").content
    cap_schema.validate(document.decode())

    polygons = [
        element.text
        for element in etree.fromstring(document).findall(".//cap:area/cap:polygon", NS)
    ]
    assert len(polygons) == 1  # Norrby and the drawn square overlap: one outline
    pairs = polygons[0].split(" ")
    assert len(pairs) >= 4
    assert pairs[0] == pairs[-1]
    assert all(PAIR.match(pair) for pair in pairs), pairs
    lat, lon = map(float, pairs[0].split(","))
    assert 58.8 <= lat <= 59.3 and 14.5 <= lon <= 15.5, "latitude comes first in CAP"


def test_separate_areas_become_separate_cap_polygons(rita, make_notice, north, cap_schema):
    far = [[15.3, 59.2], [15.35, 59.2], [15.35, 59.25], [15.3, 59.25], [15.3, 59.2]]
    notice = make_notice(areas=[north], polygon=polygon(far))
    document = rita.get(f"/cap/notice/{notice.pk}.xml").content
    cap_schema.validate(document.decode())
    assert len(etree.fromstring(document).findall(".//cap:polygon", NS)) == 2
