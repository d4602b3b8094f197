"""Addresses of objects by slug, without Django's URL reversing on every card of every page."""

from functools import cache

from django.urls import reverse
from django.utils.translation import get_language

_SLOT = "slug-placeholder"


@cache
def _pattern(view_name: str, language: str) -> str:
    # Reversed once per process and language (/es/...): the URLconf does not change while it runs.
    return reverse(view_name, kwargs={"slug": _SLOT})


def slug_url(view_name: str, slug: str) -> str:
    """reverse(view_name, kwargs={"slug": slug}) in the current language, at the cost of a
    string replace."""
    return _pattern(view_name, get_language()).replace(_SLOT, slug)
