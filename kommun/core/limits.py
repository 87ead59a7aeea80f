"""
Who is asking, and how often: counters in the shared cache that keep public forms from
being used for abuse.

Behind a reverse proxy every request comes from the proxy's address, so the client's own
address is taken from X-Forwarded-For, but only when the direct peer is one of
TRUSTED_PROXIES: anyone else can write that header.
"""

import functools
import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


@functools.cache
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """
    The client's address: REMOTE_ADDR, or behind trusted proxies the right-most address in
    X-Forwarded-For that is not one of them (each proxy appends the address it saw, so
    everything left of that is the client's own say-so).
    """
    peer = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(peer)):
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # not written by a proxy of ours
        if not _trusted(address):
            return str(address)
    return peer


def client_key(request):
    """What a client's requests are counted under. IPv6 by /64: one household's network."""
    address = _address(client_address(request))
    if address is None:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def over_limit(kind, who, limit, seconds):
    """Counts one more use by who; True once there have been more than limit in the window."""
    key = f"limit:{kind}:{hashlib.sha256(who.encode()).hexdigest()[:32]}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count > limit
