import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from kommun.areas.lookup import find, suggest
from kommun.disruptions.affected import affected_addresses, notices_affecting_address
from kommun.disruptions.models import Notice, NoticeStreet

from .conftest import NORTH, polygon


def site():
    return Site.objects.get(is_default_site=True)


def test_typing_tolerates_case_diacritics_and_a_missing_space_before_the_letter(address):
    wanted = address(street="Östra Storgatan", number=12, letter="B")
    address(street="Östra Storgatan", number=12)
    assert find(site(), "ostra storgatan 12b") == [wanted]
    assert find(site(), "ÖSTRA STORGATAN 12 B") == [wanted]
    assert find(site(), "Östra Storgatan 12B, Sjövik") == [wanted]
    assert [a.label for a in suggest(site(), "östra stor")] == [
        "Östra Storgatan 12, Sjövik",
        "Östra Storgatan 12 B, Sjövik",
    ]


def test_an_address_inside_an_area_is_affected_and_one_outside_is_not(make_notice, north, address):
    inside = address(lon=15.05, lat=59.05)
    outside = address(street="Långt bort", lon=15.3, lat=59.2)
    notice = make_notice(headline="Vattnet avstängt i Norrby", areas=[north])
    now = timezone.now()
    assert notices_affecting_address(inside, now) == [notice]
    assert notices_affecting_address(outside, now) == []


def test_an_address_on_the_edge_of_an_area_counts_as_affected(make_notice, north, address):
    on_the_edge = address(lon=15.1, lat=59.05)  # on Norrby's eastern boundary
    notice = make_notice(areas=[north])
    assert notices_affecting_address(on_the_edge, timezone.now()) == [notice]


def test_an_address_in_two_overlapping_areas_gets_both_notices_once(
    make_notice, north, east, heating, address
):
    both = address(lon=15.07, lat=59.05)
    water = make_notice(headline="Vatten", starts=-timedelta(hours=2), areas=[north, east])
    warmth = make_notice(
        headline="Värme", service=heating, starts=-timedelta(hours=1), areas=[east]
    )
    assert notices_affecting_address(both, timezone.now()) == [water, warmth]


def test_a_drawn_polygon_and_a_street_range_also_affect_addresses(make_notice, address):
    in_polygon = address(street="Ängsvägen", lon=15.05, lat=59.05)
    odd = address(street="Storgatan", number=13, lon=15.4, lat=59.25)
    even = address(street="Storgatan", number=14, lon=15.4, lat=59.25)
    notice = make_notice(polygon=polygon(NORTH))
    NoticeStreet.objects.create(
        notice=notice, street="storgatan", from_number=1, to_number=20, parity="odd"
    )
    now = timezone.now()
    assert notices_affecting_address(in_polygon, now) == [notice]
    assert notices_affecting_address(odd, now) == [notice]
    assert notices_affecting_address(even, now) == []


def test_resolved_notices_no_longer_affect_anyone(make_notice, north, address):
    home = address(lon=15.05, lat=59.05)
    make_notice(ends=-timedelta(minutes=1), areas=[north])
    assert notices_affecting_address(home, timezone.now()) == []


def test_a_notice_counts_its_affected_addresses_and_names_their_streets(
    make_notice, north, address
):
    for number in (1, 2, 3):
        address(street="Björkvägen", number=number, lon=15.01 + number / 1000, lat=59.05)
    address(street="Ekvägen", number=7, lon=15.05, lat=59.06)
    address(street="Ekvägen", number=8, lon=15.3, lat=59.2)  # outside Norrby
    notice = make_notice(areas=[north])
    notice = Notice.objects.get(pk=notice.pk)
    affected = affected_addresses(notice)
    assert affected.count == 4
    assert affected.streets == ("Björkvägen 1–3", "Ekvägen 7")


def test_the_notice_page_lists_the_streets_as_text_next_to_the_map(
    rita, make_notice, north, address
):
    address(street="Björkvägen", number=1, lon=15.01, lat=59.05)
    address(street="Björkvägen", number=9, lon=15.02, lat=59.05)
    notice = make_notice(areas=[north])
    soup = BeautifulSoup(rita.get(f"/sv/driftinformation/{notice.pk}/").content, "html.parser")
    assert soup.select_one(".affected-count").get_text(strip=True) == (
        "Det berör 2 adresser i adressregistret."
    )
    assert [li.get_text(strip=True) for li in soup.select(".street-list li")] == ["Björkvägen 1–9"]
    features = json.loads(soup.select_one("#notice-map").string)["features"]
    assert features[0]["geometry"]["type"] == "Polygon"


def test_the_lookup_page_answers_with_notices_or_a_clear_all_clear(
    rita, make_notice, north, address
):
    address(street="Storgatan", number=12, letter="B", lon=15.05, lat=59.05)
    address(street="Långgatan", number=1, lon=15.3, lat=59.2)
    make_notice(headline="Vattnet avstängt i Norrby", areas=[north])

    affected = BeautifulSoup(rita.get("/sv/adress/", {"q": "storgatan 12b"}).content, "html.parser")
    result = affected.select_one(".lookup-result")
    assert result.h2.get_text(strip=True) == "Storgatan 12 B, Sjövik"
    assert "Vattnet avstängt i Norrby" in result.get_text()

    clear = BeautifulSoup(rita.get("/sv/adress/", {"q": "Långgatan 1"}).content, "html.parser")
    text = clear.select_one(".lookup-result").get_text(" ", strip=True)
    assert "Inget påverkar den här adressen just nu." in text
    assert "Kontrollerat" in text


def test_an_unknown_address_gets_a_clear_answer(rita, home, address):
    soup = BeautifulSoup(rita.get("/sv/adress/", {"q": "Finnsintevägen 3"}).content, "html.parser")
    assert "Vi hittar inte den adressen" in soup.select_one(".lookup-result").get_text()


@pytest.mark.parametrize("query", [{"address": "storgatan 12 b"}, {"lat": 59.05, "lon": 15.05}])
def test_the_lookup_api_answers_by_address_text_or_by_coordinates(
    rita, make_notice, north, address, conforms, query
):
    address(street="Storgatan", number=12, letter="B", lon=15.05, lat=59.05)
    make_notice(headline="Vattnet avstängt", areas=[north])
    body = conforms(rita.get("/api/v1/lookup", query), "/api/v1/lookup")
    assert [n["headline"] for n in body["notices"]] == ["Vattnet avstängt"]


def test_the_lookup_api_names_bad_queries(rita, home, address):
    assert rita.get("/api/v1/lookup", {"address": "Ingenstans 1"}).status_code == 404
    assert rita.get("/api/v1/lookup").status_code == 422
    assert rita.get("/api/v1/lookup", {"lat": 59.0}).status_code == 422


def test_the_autocomplete_api_suggests_addresses(rita, address, conforms):
    address(street="Östra Storgatan", number=12, letter="B")
    body = conforms(rita.get("/api/v1/addresses", {"q": "ostra"}), "/api/v1/addresses")
    assert [a["label"] for a in body] == ["Östra Storgatan 12 B, Sjövik"]
