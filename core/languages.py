"""Addresses in each language: English at the site's own paths, every other language under its
code (/es/...), as forever_fit/urls.py lays them out with i18n_patterns."""

from django.conf import settings

_PREFIXES = [f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_language(path: str, language: str) -> str:
    """The same public path in another language: "/es/locations/" for "/locations/" and back.

    String arithmetic, not django.urls.translate_url (which resolves and reverses the path: 160
    µs, on every page twice). Only for paths of the i18n_patterns, where it holds."""
    english = next((path[len(p) - 1 :] for p in _PREFIXES if path.startswith(p)), path)
    return english if language == settings.LANGUAGE_CODE else f"/{language}{english}"
