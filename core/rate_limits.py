"""Rate limits counted in the shared cache, so they hold across every web process."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


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
    return cache.get(_key(scope, identity, window_seconds), 0)


def count_attempt(scope: str, identity: str, *, window_seconds: int) -> int:
    """Count one attempt; return the number so far in the current window."""
    key = _key(scope, identity, window_seconds)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


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
