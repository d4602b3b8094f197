"""Rate limits counted in the shared cache, so they hold across every web process.

While the shared cache is down, counts move to the database (one small row per client and
window), which every process shares too: a per-process count would multiply the limit by the
number of workers and hosts. A count that starts over there never refuses anyone's first try.
"""

import hashlib
import hmac
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from core.cache_outages import shared_cache_available
from core.models import RateLimitCount
from core.redis_cache import CacheUnavailable


def client_address(request: HttpRequest) -> str:
    """The client's IP address; behind our TLS proxy, the one the proxy saw and appended."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            # Only the last hop is the proxy's own; earlier entries are the client's say-so.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, identity: str, window_seconds: int) -> str:
    # A keyed hash: the cache never holds a visitor's address or a username in the clear.
    digest = hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256)
    window = int(time.time() // window_seconds)
    return f"rate-limit:{scope}:{digest.hexdigest()[:32]}:{window}"


def attempts(scope: str, identity: str, *, window_seconds: int) -> int:
    """How many attempts were counted for this identity in the current window."""
    key = _key(scope, identity, window_seconds)
    counted = cache.get(key)
    if counted is None and not shared_cache_available():
        return (
            RateLimitCount.objects.filter(key=key, expires_at__gt=timezone.now())
            .values_list("count", flat=True)
            .first()
            or 0
        )
    return counted or 0


def count_attempt(scope: str, identity: str, *, window_seconds: int) -> int:
    """Count one attempt; return the number so far in the current window."""
    key = _key(scope, identity, window_seconds)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
    except CacheUnavailable:
        return _count_in_database(key, window_seconds)


def _count_in_database(key: str, window_seconds: int) -> int:
    now = timezone.now()
    with transaction.atomic():
        RateLimitCount.objects.filter(expires_at__lte=now).delete()  # past windows
        row, created = RateLimitCount.objects.get_or_create(
            key=key, defaults={"count": 1, "expires_at": now + timedelta(seconds=window_seconds)}
        )
        if created:
            return 1
        RateLimitCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        return RateLimitCount.objects.values_list("count", flat=True).get(pk=row.pk)


class ClientLimit:
    """At most `limit` counted actions per client address in a window (say, accepted requests).

    Checking and counting are separate, so that only what succeeded counts: a form sent back
    with errors costs the patient nothing.
    """

    def __init__(self, scope: str, *, window_seconds: int):
        self.scope = scope
        self.window_seconds = window_seconds

    def reached(self, request: HttpRequest, limit: int) -> bool:
        used = attempts(self.scope, client_address(request), window_seconds=self.window_seconds)
        return used >= limit

    def count(self, request: HttpRequest) -> None:
        count_attempt(self.scope, client_address(request), window_seconds=self.window_seconds)
