"""Addresses of objects by slug, without Django's URL reversing on every card of every page."""

from functools import cache

from django.urls import reverse

_SLOT = "slug-placeholder"


@cache
def _pattern(view_name: str) -> str:
    # Reversed once per process: the URLconf does not change while it runs.
    return reverse(view_name, kwargs={"slug": _SLOT})


def slug_url(view_name: str, slug: str) -> str:
    """reverse(view_name, kwargs={"slug": slug}), at the cost of a string replace."""
    return _pattern(view_name).replace(_SLOT, slug)
