"""Small lists that every page shows (the footer's clinics, the topics menu), from the cache.

Each is one query when the cache is cold and none when it is warm; saving or deleting one of
its objects empties it, so staff see their change at once.
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 15 * 60


class CachedList:
    """A list built once and shared through the cache; each process also keeps the last copy it
    read, with the version it had, so a page pays one small cache read instead of unpickling
    the list (clinics with their hours, the topics) every time."""

    def __init__(self, key: str, build: Callable[[], Iterable]):
        self.key = key
        self.version_key = f"{key}:version"
        self.build = build
        self._memo: tuple[str, list] | None = None

    def __call__(self) -> list:
        return self.versioned()[1]

    def versioned(self) -> tuple[str, list]:
        """The list and its version, which changes whenever the list does: what is worked out
        from the list (a rendered footer, say) can be kept as long as the version stays."""
        version = cache.get(self.version_key)
        memo = self._memo
        if version is not None and memo is not None and memo[0] == version:
            return memo
        value = cache.get(self.key) if version is not None else None
        if value is None:
            value, version = list(self.build()), uuid.uuid4().hex
            cache.set_many({self.key: value, self.version_key: version}, TIMEOUT)
        self._memo = (version, value)
        return self._memo

    def forget(self) -> None:
        cache.delete_many([self.key, self.version_key])

    def forget_on_change(self, model) -> None:
        """Empty the list whenever an object of the model is saved or deleted (from ready())."""

        def forget(**kwargs):
            # Now, and again after the commit: a page read in between would put the old list
            # back for the whole timeout.
            self.forget()
            transaction.on_commit(self.forget)

        uid = f"forget-{self.key}-{model._meta.label}"
        post_save.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-delete")
        if model._meta.auto_created:  # a many-to-many table: .set() and .add() send m2m_changed
            m2m_changed.connect(forget, sender=model, weak=False, dispatch_uid=uid + "-m2m")
