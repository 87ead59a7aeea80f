"""
How residents type addresses: "ostra storgatan 12b" must find "Östra Storgatan 12 B".
A search key folds case and diacritics (å, ä, ö → a, a, o) and drops the space between a
house number and its letter.
"""

import re
import unicodedata

NUMBER_AND_LETTER = re.compile(r"(\d+)\s+([a-z])\b")
SPACES = re.compile(r"\s+")


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return SPACES.sub(" ", plain.replace(",", " ")).strip()


def search_key(text):
    return NUMBER_AND_LETTER.sub(r"\1\2", fold(text))


def address_key(street, number, letter=""):
    return search_key(f"{street} {number}{letter}")
