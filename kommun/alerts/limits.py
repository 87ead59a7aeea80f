"""Counters in the shared cache that keep the subscription forms from being used for abuse."""

from kommun.core.limits import over_limit

__all__ = ["client_ip", "over_limit"]


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")
