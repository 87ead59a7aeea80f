"""
A Redis cache that fails open. Everything public reads through the cache, Wagtail's own
site lookup included, so with plain RedisCache a Redis outage would take the status page
down. Here an unreachable Redis makes reads miss and writes no-ops: pages are computed
from the database, slower but correct, and recover by themselves when Redis returns.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What each operation answers when Redis cannot.
FALLBACKS = {
    "get": lambda *args, default=None, **kwargs: default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    # A counter (the channels' rate limits) counts from zero again: sending goes on.
    "incr": lambda key, delta=1, *args, **kwargs: delta,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda keys, *args, **kwargs: list(keys),
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
}


def _fail_open(name, method):
    fallback = FALLBACKS[name]

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("Redis cache %s failed (%s); carrying on without the cache", name, error)
            return fallback(*args, **kwargs)

    return wrapper


class FailOpenRedisCache(RedisCache):
    pass


for _name in FALLBACKS:
    setattr(FailOpenRedisCache, _name, _fail_open(_name, getattr(RedisCache, _name)))
