"""Finding an address in the register from what a resident typed."""

from .models import Address
from .normalize import search_key

SUGGESTIONS = 10


def suggest(text, limit=SUGGESTIONS):
    """Addresses whose key starts with what was typed (the part before any comma)."""
    key = search_key(text.split(",")[0])
    if len(key) < 2:
        return []
    return list(Address.objects.filter(search_key__startswith=key).order_by("search_key")[:limit])


def find(text):
    """The addresses exactly matching what was typed: usually one, several across postcodes."""
    key = search_key(text.split(",")[0])
    if not key:
        return []
    matches = list(Address.objects.filter(search_key=key).order_by("postcode"))
    if len(matches) > 1 and "," in text:
        # "Storgatan 1, Norrby" picks the one in Norrby.
        place = search_key(text.split(",", 1)[1])
        in_place = [a for a in matches if search_key(a.locality) == place or a.postcode == place]
        return in_place or matches
    return matches
