"""A page whose database connection died while it was drawn is drawn once more.

Django checks a kept connection at the start of each request (CONN_HEALTH_CHECKS), but a
connection can also die in the middle of one (a failover, a restart of PostgreSQL, an operator's
`pg_terminate_backend`). For a GET or HEAD, which changes nothing, the page is then drawn again
on a new connection instead of answering 500; a form post is never repeated (it answers with
what it could do, and the patient is told).
"""

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections

SAFE_METHODS = ("GET", "HEAD")


def _note_lost_connection(sender, request=None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        request.database_connection_lost = True


got_request_exception.connect(_note_lost_connection, dispatch_uid="note-lost-connection")


class RetryAfterLostConnectionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in SAFE_METHODS and getattr(request, "database_connection_lost", False):
            request.database_connection_lost = False
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            response = self.get_response(request)
        return response
