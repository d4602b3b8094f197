"""The articles' own middleware (the site-wide ones are in core/middleware.py)."""

from articles.wordpress.addresses import answer_to_old_address


class OldAddressesMiddleware:
    """A moved-in WordPress site's old addresses, answered where this site has nothing
    (Django's redirect fallback, with query strings, and hidden posts kept hidden)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return answer_to_old_address(request) or response
