"""Django's Redis cache, made to fail as a cache should: an error or a time-out is a miss.

Degrade, never fail: with Redis down or hung, every read is a miss and every write is dropped,
so pages are drawn from the database (slower, never a 500). Each call waits at most the socket
time-outs set in settings (a quarter of a second); after a failure a *circuit breaker* skips
Redis altogether for RETRY_AFTER seconds in this process, so a hung Redis costs one short wait
per process per interval, not one per request, and the log gets one line per interval.

Counting is the exception: `incr` raises `CacheUnavailable` instead of inventing a number, so
rate limits can count somewhere else (core/rate_limits.py).

What was missed is caught up: when the breaker closes again, the functions registered with
`on_recovery` run (the page cache starts a new generation there, if some change could not
forget its pages) before the call that found Redis back is answered.

Also: one redis-py client per connection pool. Django's RedisCacheClient.get_client() builds a
redis.Redis around the shared pool on each call, which copies redis-py's table of response
callbacks: as much CPU as the GET it was made for (about 0.09 ms each here). A client is
thread-safe and holds no connection of its own, so one per pool is enough. This overrides three
private methods of Django's client (`_get_connection_pool_index`, `_get_connection_pool`,
`_client`), kept because it buys more than a tenth on a budget row: `make bench` with Redis,
two rounds each, December 2026: Django cache hits 1,965 to 2,096 requests/s with it, 1,771 to
1,830 with Django's own client (budget 2,000). tests/test_production_services.py fails if
Django changes those methods under it.
"""

import logging
import threading
import time
from collections.abc import Callable

import redis as redis_py
from django.core.cache.backends import redis

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without trying Redis after it failed (per process)

_recovery_callbacks: list[Callable[[], None]] = []


class CacheUnavailable(Exception):
    """The shared cache could not count: the caller must count elsewhere."""


def on_recovery(callback: Callable[[], None]) -> Callable[[], None]:
    """Run `callback` whenever the shared cache answers again after failing in this process."""
    _recovery_callbacks.append(callback)
    return callback


class CircuitBreaker:
    """Whether to try Redis now: closed (try), or open until RETRY_AFTER seconds after the last
    failure; then one call probes it, and the breaker closes when the probe succeeds."""

    def __init__(self, location: str):
        self.location = location
        self.open_until: float | None = None  # None: closed
        self.down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.open_until is not None

    def should_probe(self) -> bool:
        """True for one caller once the wait is over; everyone else keeps skipping Redis."""
        with self._lock:
            if self.open_until is None or time.monotonic() < self.open_until:
                return False
            self.open_until = time.monotonic() + RETRY_AFTER  # the others keep skipping
            return True

    def failed(self, error: Exception) -> None:
        with self._lock:
            first = self.open_until is None
            self.open_until = time.monotonic() + RETRY_AFTER
            if self.down_since is None:
                self.down_since = time.monotonic()
        # Once per interval: the breaker skips Redis until the next probe.
        logger.warning(
            "Shared cache %s %s (%s); pages are drawn without it, next try in %.0f s.",
            self.location,
            "does not answer" if first else "still does not answer",
            type(error).__name__,
            RETRY_AFTER,
        )

    def closed(self) -> None:
        with self._lock:
            down_for = time.monotonic() - (self.down_since or time.monotonic())
            self.open_until = self.down_since = None
        logger.warning("Shared cache %s answers again after %.0f s.", self.location, down_for)


_breakers: dict[str, CircuitBreaker] = {}  # one per server, shared by the process's threads


class ReusingClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClientRedisCacheClient
        location = server if isinstance(server, str) else ",".join(server)
        self.breaker = _breakers.setdefault(location, CircuitBreaker(location))

    @property
    def available(self) -> bool:
        """False while the breaker is open: the last try failed and reads are misses."""
        return not self.breaker.is_open

    def _guarded(self, fallback, method, *args, **kwargs):
        if self.breaker.is_open and not self._probe():
            return fallback()
        try:
            return method(*args, **kwargs)
        except redis_py.RedisError as error:  # ConnectionError, TimeoutError, ...
            self.breaker.failed(error)
            return fallback()

    def _probe(self) -> bool:
        """Whether Redis answers again (asked by one caller per interval); catch up if so."""
        if not self.breaker.should_probe():
            return False
        try:
            super().has_key("cache-probe")  # Django's own call: raises while Redis is down
        except redis_py.RedisError as error:
            self.breaker.failed(error)
            return False
        self.breaker.closed()
        for callback in _recovery_callbacks:
            callback()
        return not self.breaker.is_open

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(lambda: False, super().has_key, key, version)

    def add(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=redis.DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._guarded(lambda: list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(lambda: False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(lambda: False, super().clear)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise CacheUnavailable(key)

        return self._guarded(unavailable, super().incr, key, delta, version)
