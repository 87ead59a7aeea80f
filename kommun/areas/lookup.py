"""Finding an address in the register from what a resident typed."""

from .models import Address
from .normalize import search_key

SUGGESTIONS = 10


def suggest(site, text, limit=SUGGESTIONS):
    """The site's addresses whose key starts with what was typed (the part before any comma)."""
    key = search_key(text.split(",")[0])
    if len(key) < 2:
        return []
    addresses = Address.objects.filter(site=site, search_key__startswith=key)
    return list(addresses.order_by("search_key")[:limit])


def find(site, text):
    """The addresses exactly matching what was typed: usually one, several across postcodes."""
    key = search_key(text.split(",")[0])
    if not key:
        return []
    matches = list(Address.objects.filter(site=site, search_key=key).order_by("postcode"))
    if len(matches) > 1 and "," in text:
        # "Storgatan 1, Norrby" picks the one in Norrby.
        place = search_key(text.split(",", 1)[1])
        in_place = [a for a in matches if search_key(a.locality) == place or a.postcode == place]
        return in_place or matches
    return matches
