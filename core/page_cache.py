"""Whole public pages from the shared cache: fast for everyone, stale for no one.

What is cached: a GET or HEAD from a visitor without a session (staff and patients who just
sent the form have one) whose response is a plain 200 that sets no cookie, does not vary on
cookies (no CSRF token, no session read), is not marked private or no-store, and used no CSP
nonce. Everything else passes straight through, and is never stored.

When it changes: every page records the *generation* it was drawn in; saving or deleting any
content the pages show (apps connect their models with `forget_pages_on_change`) starts a new
generation once the transaction commits, so every page is rendered afresh at once. Pages also
change by themselves (a scheduled article goes live, a clinic opens or closes, the date turns):
apps register `changes_by_itself_at` functions, and no entry outlives the earliest moment they
name.

What the front cache (nginx, a CDN) is told: `s-maxage` of at most PAGE_FRONT_CACHE_SECONDS and
never past that moment, a short `stale-while-revalidate`, and `max-age=0` so browsers ask again
each time; an `ETag` answers their question with a 304 when nothing changed.

Which address is a page: the host Django accepts (a foreign Host header gets Django's 400, as
without the cache) and the path, with the query parameters some app declared that a public page
reads (`reads_query_parameters`), in a fixed order. Tracking parameters (`utm_*`, `fbclid`...)
are taken off every request before any view sees them, so a newsletter's link is the page
itself; a page asked for with any other parameter is drawn but never stored, so nobody can fill
the cache with `?x=1`, `?x=2`...

Pages that read what visitors type (a search, a ZIP code: `reads_query_parameters(...,
typed=True)`) have endless addresses. They are kept apart: in a bounded space of each process's
memory (the "typed_pages" cache, the least recently used dropped first), never in the shared
cache, and the front cache is told not to keep them (s-maxage=0). A flood of made-up searches
then costs the flood its own answers, and never pushes a real page out of either cache.

When the shared cache is down: pages are drawn without it and nothing is stored (a miss, never a
500). A change saved meanwhile cannot reach the cache to forget the old pages, so it leaves a
note in the database (core/cache_outages.py); when the cache answers again, `catch_up` starts a
new generation before the first page is read from it.
"""

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from core import cache_outages
from core.cached_lists import forget_every_list
from core.model_changes import on_every_change
from core.redis_cache import on_recovery

GENERATION_KEY = "pages:generation"
UNCACHEABLE = ("private", "no-store", "no-cache")
# What newsletters, social posts and ad platforms add to links: no page reads them.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl"}
)

_change_moments: list[Callable[[datetime], datetime | None]] = []
_query_parameters: set[str] = set()
_typed_parameters: set[str] = set()


def reads_query_parameters(*names: str, typed: bool = False) -> None:
    """Declare query parameters that some public page reads (from an app's ready()); `typed`:
    visitors write their values, so the pages are kept apart."""
    _query_parameters.update(names)
    if typed:
        _typed_parameters.update(names)


def changes_by_itself_at(moment_after: Callable[[datetime], datetime | None]):
    """Register a function that names the next moment (after `now`) some page changes alone."""
    _change_moments.append(moment_after)
    return moment_after


def forget_all_pages() -> None:
    """A new generation: every cached page is rendered afresh on its next request."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    cache_outages.remember_if_missed()


@on_recovery
def catch_up() -> None:
    """Forget every page and shared list if some change could not tell the cache while it was
    down: run when the cache answers again, and by the task worker's regular queue check."""
    with cache_outages.missed_changes() as missed:
        if missed:
            forget_every_list()
            forget_all_pages()


def forget_pages_on_change(*models) -> None:
    """Forget every page after a transaction that saved or deleted one of these models."""
    on_every_change(lambda: transaction.on_commit(forget_all_pages), *models, name="forget-pages")


def _new_generation() -> str | None:
    """The generation to draw in when none is stored yet; None while the cache is down."""
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def _next_change(now: datetime, generation: str) -> datetime:
    """The earliest moment a page changes by itself, at most PAGE_CACHE_SECONDS away."""
    key = f"pages:next-change:{generation}"
    moment = cache.get(key)
    if moment is None or moment <= now:
        latest = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        moments = [m for m in (after(now) for after in _change_moments) if m and m > now]
        moment = min([latest, *moments])
        cache.set(key, moment, timeout=max(1, int((moment - now).total_seconds())))
    return moment


@dataclass(frozen=True)
class CachedPage:
    generation: str  # the content it was drawn from; a newer generation makes it stale
    status: int
    headers: dict[str, str]
    content: bytes
    etag: str
    expires: datetime

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        return response


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not any(word in cache_control for word in UNCACHEABLE)
        and not get_nonce(request)  # a nonce used once is no nonce (false until drawn)
    )


def _front_cache_headers(response, expires: datetime, now: datetime, *, typed: bool) -> None:
    """Let shared caches keep the page until the front-cache limit or its expiry, if sooner
    (a page of typed words: not at all)."""
    left = 0 if typed else int((expires - now).total_seconds())
    fresh = max(0, min(settings.PAGE_FRONT_CACHE_SECONDS, left))
    stale = max(0, min(settings.PAGE_STALE_SECONDS, left - fresh))
    directives = {"public": True, "max_age": 0, "s_maxage": fresh}
    if stale:
        directives["stale_while_revalidate"] = stale
    patch_cache_control(response, **directives)


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _drop_tracking_parameters(request) -> None:
    """Take tracking parameters off the request: views, links and the cache key never see them."""
    if any(_is_tracking(name) for name in request.GET):
        kept = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            if not _is_tracking(name):
                kept.setlist(name, values)
        request.META["QUERY_STRING"] = kept.urlencode()
        request.GET = QueryDict(request.META["QUERY_STRING"])


def _page_key(request) -> str | None:
    """The page's cache key, or None when it has a parameter no public page declared."""
    if any(name not in _query_parameters for name in request.GET):
        return None
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    # get_host() refuses a host not in ALLOWED_HOSTS: Django answers 400, as without the cache.
    address = f"{request.get_host()}{request.path}?{urlencode(query)}"
    return "pages:" + hashlib.sha256(address.encode()).hexdigest()


def answer(request, get_response) -> HttpResponse:
    """An anonymous GET from the page cache, or drawn and kept when safe to share
    (core.middleware.PublicPageCacheMiddleware)."""
    _drop_tracking_parameters(request)
    if (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or not settings.PAGE_CACHE_SECONDS  # 0 turns the page cache off
    ):
        return get_response(request)
    key = _page_key(request)
    if key is None:
        response = get_response(request)
        response["X-Page-Cache"] = "bypass"
        return response
    now = timezone.now()
    typed = any(name in _typed_parameters for name in request.GET)
    store = caches["typed_pages"] if typed else cache
    # One round trip to the shared cache: the current generation and the page together (a page of
    # typed words comes from this process's own space).
    found = cache.get_many([GENERATION_KEY] if typed else [GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _new_generation()
    if generation is None:  # the shared cache is down: draw the page, keep nothing
        return get_response(request)
    page = store.get(key) if typed else found.get(key)
    if page is None or page.generation != generation or page.expires <= now:
        response = get_response(request)
        if not _storable(request, response):
            return response
        page = CachedPage(
            generation=generation,
            status=response.status_code,
            headers=dict(response.items()),
            content=response.content,
            etag=f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
            expires=_next_change(now, generation),
        )
        store.set(key, page, timeout=max(1, int((page.expires - now).total_seconds())))
        response["X-Page-Cache"] = "miss"
    else:
        response = page.response()
        response["X-Page-Cache"] = "hit"
    response["ETag"] = page.etag
    _front_cache_headers(response, page.expires, now, typed=typed)
    return get_conditional_response(request, etag=page.etag, response=response)
