"""Small lists that every page shows (the footer's clinics, the topics menu), from the cache.

Each is one query when the cache is cold and none when it is warm; saving or deleting one of
its objects empties it, so staff see their change at once.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

TIMEOUT = 15 * 60


def cached_list(key: str, build) -> list:
    value = cache.get(key)
    if value is None:
        value = list(build())
        cache.set(key, value, TIMEOUT)
    return value


def forget_on_change(model, key: str) -> None:
    """Empty the cached list whenever an object of the model is saved or deleted."""

    def forget(**kwargs):
        cache.delete(key)

    post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-{key}-save")
    post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-{key}-delete")
