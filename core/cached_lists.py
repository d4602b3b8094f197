"""Small lists that every page shows (the footer's clinics, the topics menu), from the cache.

Each is one query when the cache is cold and none when it is warm; saving or deleting one of
its objects empties it, so staff see their change at once.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 15 * 60


class CachedList:
    def __init__(self, key: str, build: Callable[[], Iterable]):
        self.key = key
        self.build = build

    def __call__(self) -> list:
        value = cache.get(self.key)
        if value is None:
            value = list(self.build())
            cache.set(self.key, value, TIMEOUT)
        return value

    def forget_on_change(self, model) -> None:
        """Empty the list whenever an object of the model is saved or deleted (from ready())."""

        def forget(**kwargs):
            cache.delete(self.key)

        uid = f"forget-{self.key}-{model._meta.label}"
        post_save.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-delete")
        if model._meta.auto_created:  # a many-to-many table: .set() and .add() send m2m_changed
            m2m_changed.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-m2m")
