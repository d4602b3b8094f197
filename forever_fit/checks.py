"""Deploy checks of our own, reported by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate limits, sign-in throttling and cached lists need one cache for every process."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("locmem.LocMemCache", "dummy.DummyCache")):
        return [
            Warning(
                "The cache is private to each web process (CACHE_URL is not set).",
                hint="Set CACHE_URL=redis://HOST:6379/1: with several gunicorn workers or hosts, "
                "rate limits, staff sign-in throttling and the cached footer and menus only hold "
                "in a cache they all share, and only then do pages learn what the task worker "
                "changed (a picture's renditions, an import).",
                id="forever_fit.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    """The demo's relaxed admin must never reach production."""
    if not settings.STAFF_SECOND_FACTOR_REQUIRED:
        return [
            Error(
                "Staff can open the admin without a second factor "
                "(STAFF_SECOND_FACTOR_REQUIRED is off).",
                hint="Remove STAFF_SECOND_FACTOR_REQUIRED from the environment: only the demo "
                "(make run) turns it off.",
                id="forever_fit.E002",
            )
        ]
    return []
