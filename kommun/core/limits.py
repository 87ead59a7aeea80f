"""Counters in the shared cache that keep public forms from being used for abuse."""

import hashlib

from django.core.cache import cache


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
