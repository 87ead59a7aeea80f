"""
A generated address register and areas for the demo municipality and the benchmarks.
Nothing here is real: street names are combined from common Swedish parts and placed on a
grid of made-up localities within the municipality's box.
"""

import random

STREET_FIRST = [
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


def generate_addresses(count, bbox, seed=1):
    """count address rows as dicts with the import's columns, spread over the box."""
    rng = random.Random(seed)
    min_lon, min_lat, max_lon, max_lat = bbox
    names = street_names()
    rows = []
    street_number = 0
    while len(rows) < count:
        locality, postcode = LOCALITIES[street_number % len(LOCALITIES)]
        street = names[street_number % len(names)]
        if street_number >= len(names):
            street = f"{street} {street_number // len(names) + 1}"
        # Each street is a short line of houses somewhere in the box.
        lon = rng.uniform(min_lon + 0.04, max_lon - 0.04)
        lat = rng.uniform(min_lat + 0.01, max_lat - 0.04)
        step_lon, step_lat = rng.uniform(-0.0004, 0.0004), rng.uniform(0.0001, 0.0004)
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
