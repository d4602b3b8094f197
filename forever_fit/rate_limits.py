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


def allow(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt by this client; False once it has made more than `limit` in the window."""
    # Keyed on a keyed hash: the cache never holds a visitor's IP address in the clear.
    client = hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    window = int(time.time() // window_seconds)
    key = f"rate-limit:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        attempts = 1
    return attempts <= limit
