"""Everything that wraps every request, in the order settings.MIDDLEWARE runs it.

A feature's own middleware lives beside the feature, in a module of the same name
(`staff/middleware.py`: staff sessions and the second factor; `articles/middleware.py`: old
WordPress addresses). Here: what holds for every page of the site.
"""

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext

from core import page_cache


def _note_lost_connection(sender, request=None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        request.database_connection_lost = True


got_request_exception.connect(_note_lost_connection, dispatch_uid="note-lost-connection")


class RetryAfterLostConnectionMiddleware:
    """A page whose database connection died while it was drawn is drawn once more.

    Django checks a kept connection at the start of each request (CONN_HEALTH_CHECKS), but a
    connection can also die in the middle of one (a failover, a restart of PostgreSQL, an
    operator's `pg_terminate_backend`). For a GET or HEAD, which changes nothing, the page is
    then drawn again on a new connection instead of answering 500; a form post is never repeated
    (it answers with what it could do, and the patient is told).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and getattr(
            request, "database_connection_lost", False
        ):
            request.database_connection_lost = False
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            response = self.get_response(request)
        return response


# The site never uses these browser features; saying so stops any script or frame from asking.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
)


class SecurityHeadersMiddleware:
    """The response headers Django does not set itself. Content-Security-Policy, HSTS, nosniff,
    the referrer and opener policies come from Django's own settings (Security in settings.py);
    these two complete the set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Our pages and files are for our pages only: no other site may load them as resources.
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RejectNulBytesMiddleware:
    """NUL bytes in the address are refused before any view sees them: PostgreSQL refuses text
    containing NUL, so a `?q=%00` would otherwise reach a query and fail with a 500. (Forms
    already reject NUL in submitted fields with a message.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                gettext("This address contains a character that cannot be used."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class LanguageFromPathMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but the page's language comes from its address alone: /es/...
    is Spanish, every other address English (the admin and staff pages included).

    Django's own also reads the browser's Accept-Language and a cookie for unprefixed addresses,
    redirects on them, and sends `Vary: Accept-Language`: the page cache and the front cache
    would keep one copy per browser language, and a crawler would never see the English. A
    patient chooses with the language switch on every page; the address is then the choice.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        # The page is drawn: what runs next in this thread (a test, a task) starts in English.
        translation.deactivate()
        return response


class PublicPageCacheMiddleware:
    """Anonymous GETs answered from the page cache (core/page_cache.py says what is kept)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return page_cache.answer(request, self.get_response)
