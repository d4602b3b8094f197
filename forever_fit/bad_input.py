"""Reject NUL bytes in the address before any view sees them.

PostgreSQL refuses text containing NUL, so a `?q=%00` would otherwise reach a query and fail
with a 500. Forms already reject NUL in submitted fields with a message.
"""

from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "This address contains a character that cannot be used.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
