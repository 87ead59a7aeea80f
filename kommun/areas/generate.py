"""
A generated address register and areas for the demo municipality and the benchmarks.
Nothing here is real: street names are combined from common Swedish parts and placed on a
grid of made-up localities within the municipality's box.
"""

import random

STREET_FIRST = [
    "Stor",
    "Björk",
    "Ek",
    "Lönn",
    "Lind",
    "Rönn",
    "Gran",
    "Tall",
    "Asp",
    "Al",
    "Hassel",
    "Kvarn",
    "Skol",
    "Kyrk",
    "Hamn",
    "Torg",
    "Sjö",
    "Berg",
    "Äng",
    "Åker",
    "Väster",
    "Öster",
    "Norr",
    "Söder",
    "Mejeri",
    "Smedje",
    "Bruks",
    "Station",
    "Park",
    "Strand",
    "Backe",
]
STREET_LAST = ["vägen", "gatan", "stigen", "gränd", "backen", "allén", "slingan", "torget"]
LOCALITIES = [
    ("Sjövik", "123 40"),
    ("Norrby", "123 41"),
    ("Västerby", "123 42"),
    ("Åsen", "123 43"),
    ("Södra Sjövik", "123 44"),
    ("Kvarnbacken", "123 45"),
    ("Ekeby", "123 46"),
    ("Lindås", "123 47"),
]


def street_names():
    return [first + last for first in STREET_FIRST for last in STREET_LAST]


def locality_centres(bbox):
    """Where each made-up locality lies: spread evenly over the box."""
    min_lon, min_lat, max_lon, max_lat = bbox
    centres = {}
    for index, (locality, _postcode) in enumerate(LOCALITIES):
        column, row = index % 4, index // 4
        centres[locality] = (
            min_lon + (max_lon - min_lon) * (column + 0.5) / 4,
            min_lat + (max_lat - min_lat) * (row + 0.5) / 2,
        )
    return centres


def generate_addresses(count, bbox, seed=1):
    """count address rows as dicts with the import's columns, grouped in localities."""
    rng = random.Random(seed)
    centres = locality_centres(bbox)
    names = street_names()
    rows = []
    street_number = 0
    while len(rows) < count:
        locality, postcode = LOCALITIES[street_number % len(LOCALITIES)]
        street = names[street_number % len(names)]
        if street_number >= len(names):
            street = f"{street} {street_number // len(names) + 1}"
        # Each street is a short line of houses near its locality's centre.
        centre_lon, centre_lat = centres[locality]
        lon = centre_lon + rng.uniform(-0.03, 0.03)
        lat = centre_lat + rng.uniform(-0.015, 0.015)
        step_lon, step_lat = rng.uniform(-0.0002, 0.0002), rng.uniform(-0.0001, 0.0001)
        for number in range(1, rng.randint(10, 80)):
            letters = [""] if rng.random() > 0.08 else ["A", "B"]
            for letter in letters:
                rows.append(
                    {
                        "street": street,
                        "number": str(number),
                        "letter": letter,
                        "postcode": postcode,
                        "locality": locality,
                        "lat": f"{lat + number * step_lat:.6f}",
                        "lon": f"{lon + number * step_lon:.6f}",
                    }
                )
                if len(rows) == count:
                    return rows
        street_number += 1
    return rows


def generate_squares(count, bbox, seed=2, size=0.01):
    """count square-ish polygons (lon/lat rings) spread over the box, for benchmarks."""
    rng = random.Random(seed)
    min_lon, min_lat, max_lon, max_lat = bbox
    squares = []
    for _ in range(count):
        lon = rng.uniform(min_lon, max_lon - size)
        lat = rng.uniform(min_lat, max_lat - size)
        squares.append(
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        )
    return squares
