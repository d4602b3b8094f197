"""Addresses of objects by slug, without Django's URL reversing on every card of every page."""

from functools import cache

from django.urls import reverse
from django.utils.translation import get_language, override

_SLOT = "slug-placeholder"


@cache
def _pattern(view_name: str, language: str) -> str:
    # Reversed once per process and language (/es/...): the URLconf does not change while it runs.
    with override(language):
        return reverse(view_name, kwargs={"slug": _SLOT})


def slug_url(view_name: str, slug: str, *, language: str | None = None) -> str:
    """reverse(view_name, kwargs={"slug": slug}) in this language (the current one unless
    given), at the cost of a string replace."""
    return _pattern(view_name, language or get_language()).replace(_SLOT, slug)
