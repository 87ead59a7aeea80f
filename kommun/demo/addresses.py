"""
A generated address register and areas for the demo municipalities and the benchmarks.
Nothing here is real: street names are combined from common Swedish (or Ukrainian) parts
and placed on a grid of made-up localities within the municipality's box.
"""

import random
from dataclasses import dataclass

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


UKRAINIAN_STREETS = [
    "Садова",
    "Шкільна",
    "Центральна",
    "Миру",
    "Соборна",
    "Весняна",
    "Польова",
    "Лісова",
    "Зелена",
    "Молодіжна",
    "Набережна",
    "Заводська",
    "Річкова",
    "Вишнева",
    "Калинова",
    "Каштанова",
    "Сонячна",
    "Козацька",
    "Лугова",
    "Джерельна",
]
UKRAINIAN_KINDS = ["вулиця", "провулок", "проїзд"]
UKRAINIAN_LOCALITIES = [
    ("Лісогірськ", "62400"),
    ("Нова Балка", "62401"),
    ("Ставки", "62402"),
    ("Вишневе", "62403"),
    ("Кленове", "62404"),
    ("Горбове", "62405"),
    ("Піщане", "62406"),
    ("Залісне", "62407"),
]


@dataclass(frozen=True)
class Naming:
    streets: list
    localities: list


def swedish():
    return Naming([first + last for first in STREET_FIRST for last in STREET_LAST], LOCALITIES)


def ukrainian():
    streets = [f"{kind} {name}" for kind in UKRAINIAN_KINDS for name in UKRAINIAN_STREETS]
    return Naming(streets, UKRAINIAN_LOCALITIES)


def street_names():
    return swedish().streets


def locality_centres(bbox, localities=LOCALITIES):
    """Where each made-up locality lies: spread evenly over the box."""
    min_lon, min_lat, max_lon, max_lat = bbox
    centres = {}
    for index, (locality, _postcode) in enumerate(localities):
        column, row = index % 4, index // 4
        centres[locality] = (
            min_lon + (max_lon - min_lon) * (column + 0.5) / 4,
            min_lat + (max_lat - min_lat) * (row + 0.5) / 2,
        )
    return centres


def generate_addresses(count, bbox, seed=1, naming=None):
    """count address rows as dicts with the import's columns, grouped in localities."""
    naming = naming or swedish()
    rng = random.Random(seed)
    centres = locality_centres(bbox, naming.localities)
    names = naming.streets
    rows = []
    street_number = 0
    while len(rows) < count:
        locality, postcode = naming.localities[street_number % len(naming.localities)]
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
