"""The articles' own middleware (the site-wide ones are in core/middleware.py)."""

from articles.search import FOUND_HEADER, search_form, typed_search
from articles.search_counts import count_search
from articles.wordpress.addresses import answer_to_old_address


class SearchCountsMiddleware:
    """Count every search a reader was shown, drawn or from the page cache (so it sits before
    the page cache), for the admin's Searches page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        found = response.get(FOUND_HEADER)
        if found is not None:
            del response[FOUND_HEADER]
        if found is not None and response.status_code == 200:
            terms, _ = typed_search(request.GET.get("q", ""))
            count_search(search_form(terms), found=found == "yes")
        return response


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
