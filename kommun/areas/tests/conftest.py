import json

import pytest

from kommun.areas.models import Address, Area

# A small made-up place inside the default municipality box (lon 14.5–15.5, lat 58.8–59.3).
NORTH = [[15.0, 59.0], [15.1, 59.0], [15.1, 59.1], [15.0, 59.1], [15.0, 59.0]]
EAST = [[15.05, 59.0], [15.15, 59.0], [15.15, 59.1], [15.05, 59.1], [15.05, 59.0]]


def polygon(ring):
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def north(home):
    return Area.objects.create(
        site=home.get_site(), name="Norrby", kind=Area.Kind.VILLAGE, geometry=polygon(NORTH)
    )


@pytest.fixture
def east(home):
    """Overlaps Norrby between longitude 15.05 and 15.1."""
    return Area.objects.create(
        site=home.get_site(),
        name="Östra zonen",
        kind=Area.Kind.PRESSURE_ZONE,
        geometry=polygon(EAST),
    )


@pytest.fixture
def address(home):
    def make(street="Storgatan", number=12, letter="", lon=15.02, lat=59.05, postcode="12340"):
        return Address.objects.create(
            site=home.get_site(),
            street=street,
            number=number,
            letter=letter,
            postcode=postcode,
            locality="Sjövik",
            lat=lat,
            lon=lon,
        )

    return make
