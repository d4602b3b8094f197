"""Small lists that every page shows (the footer's clinics, the topics menu), from the cache.

Each is one query when the cache is cold and none when it is warm; saving or deleting one of
its objects empties it, so staff see their change at once. A list that also changes by itself
(the newest articles, when a scheduled one goes live) names that moment, and is rebuilt then.

Whether each list is still current is one small read per list; during a request the first
list a page reads fetches every list's version in one round trip (one Redis MGET where there
were five GETs on an article page), and the page uses that snapshot.
"""

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.utils import timezone, translation

from core import cache_outages
from core.model_changes import on_every_change

TIMEOUT = 15 * 60
KEYS = ("entry", "version")

_every_list: list["CachedList"] = []
# The request being answered (per thread, or per task under ASGI): versions is None outside one
# (a command, the task worker: each list reads its own version), during one a dict of the
# versions read so far.
_request = Local()
_READ = "versions read"


def _request_begins(**kwargs) -> None:
    _request.versions = {}


def _request_ends(**kwargs) -> None:
    _request.versions = None


request_started.connect(_request_begins, dispatch_uid="cached-lists-request-begins")
request_finished.connect(_request_ends, dispatch_uid="cached-lists-request-ends")


class CachedList:
    """A list built once and shared through the cache; each process also keeps the last copy it
    read, with the version it had, so a page pays one small cache read instead of unpickling
    the list (clinics with their hours, the topics) every time."""

    def __init__(
        self,
        key: str,
        build: Callable[[], Iterable],
        changes_at: Callable[[datetime], datetime | None] | None = None,
        *,
        per_language: bool = False,
    ):
        self.key = key
        self.build = build
        # changes_at(now): the next moment the list changes by itself, None when it does not.
        self.changes_at = changes_at
        # A list of words rather than of objects (titles, addresses), or of what exists in the
        # page's language only, is built and kept once per language.
        self.languages = [code for code, _name in settings.LANGUAGES] if per_language else [""]
        self._memos: dict[str, tuple[str, list, datetime | None]] = {}
        _every_list.append(self)

    def _language(self) -> str:
        return translation.get_language() if self.languages != [""] else ""

    def _key(self, part: str, language: str | None = None) -> str:
        language = self._language() if language is None else language
        return f"{self.key}:{language}:{part}" if language else f"{self.key}:{part}"

    @property
    def entry_key(self) -> str:  # (the list, until when it holds)
        return self._key("entry")

    @property
    def version_key(self) -> str:
        return self._key("version")

    def __call__(self) -> list:
        return self.versioned()[1]

    def versioned(self) -> tuple[str, list]:
        """The list and its version, which changes whenever the list does: what is worked out
        from the list (a rendered footer, say) can be kept as long as the version stays."""
        version = self._current_version()
        now = timezone.now() if self.changes_at else None
        memo = self._memos.get(self._language())
        if version is None or memo is None or memo[0] != version or _past(memo[2], now):
            stored = cache.get(self.entry_key) if version is not None else None
            if stored is None or _past(stored[1], now):
                version, stored = self._rebuild(now)
            self._memos[self._language()] = memo = (version, *stored)
        return memo[0], memo[1]

    def _rebuild(self, now: datetime | None) -> tuple[str, tuple[list, datetime | None]]:
        version, value = uuid.uuid4().hex, list(self.build())
        until = self.changes_at(now) if self.changes_at else None
        timeout = TIMEOUT
        if until is not None:
            timeout = max(1, min(TIMEOUT, int((until - now).total_seconds())))
        cache.set_many({self.entry_key: (value, until), self.version_key: version}, timeout)
        self._note_version(version)
        return version, (value, until)

    def _current_version(self) -> str | None:
        versions = getattr(_request, "versions", None)
        if versions is None:
            return cache.get(self.version_key)
        if _READ not in versions:  # the first list this request reads: every list's at once
            versions.update(cache.get_many([each.version_key for each in _every_list]))
            versions[_READ] = True
        if self.version_key not in versions and self._language():  # another language's
            versions[self.version_key] = cache.get(self.version_key)
        return versions.get(self.version_key)

    def _note_version(self, version: str | None) -> None:
        """What this request now knows of the list's version (a change it made, say)."""
        versions = getattr(_request, "versions", None)
        if versions is not None and _READ in versions:
            versions[self.version_key] = version

    def forget(self) -> None:
        """Empty the list in every language."""
        keys = [self._key(part, language) for language in self.languages for part in KEYS]
        cache.delete_many(keys)
        versions = getattr(_request, "versions", None)
        if versions is not None and _READ in versions:  # what this request knows, too
            versions.update(dict.fromkeys(keys))
        cache_outages.remember_if_missed()

    def forget_on_change(self, *models) -> None:
        """Empty the list whenever an object of these models is saved or deleted (from ready())."""

        def forget():
            # Now, and again after the commit: a page read in between would put the old list
            # back for the whole timeout.
            self.forget()
            transaction.on_commit(self.forget)

        on_every_change(forget, *models, name=f"forget-{self.version_key}")


def forget_every_list() -> None:
    for each in _every_list:
        each.forget()


def _past(until: datetime | None, now: datetime | None) -> bool:
    return until is not None and now is not None and until <= now
