"""What the shared cache could not hear while it was down, noted in the database.

Saving content tells the cache to forget the pages and lists that showed the old version. When
the cache does not answer, that message is lost, and the old pages would come back with the
cache. So the change leaves a note here, and when the cache answers again (or at the task
worker's next queue check) everything cached is forgotten before anything is read from it.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DatabaseError, transaction

from core.models import MissedCacheChange

logger = logging.getLogger(__name__)


def shared_cache_available() -> bool:
    """False while the shared cache fails (core/redis_cache.py); local memory never fails."""
    return getattr(cache, "available", True)


def remember_if_missed() -> None:
    """Call right after telling the cache to forget something: note it if the cache is down."""
    if shared_cache_available():
        return
    try:
        with transaction.atomic():  # a savepoint: a failure here never breaks the caller's work
            MissedCacheChange.objects.create()
    except DatabaseError:
        logger.exception("A change could not be noted for the shared cache to forget.")


@contextmanager
def missed_changes() -> Iterator[bool]:
    """Whether changes were missed; the notes are removed if the cache took what the block
    told it (the block forgets everything), and kept for the next try if it did not."""
    newest = MissedCacheChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    yield newest is not None
    if newest is not None and shared_cache_available():
        MissedCacheChange.objects.filter(pk__lte=newest).delete()
        logger.warning("The shared cache answers again: every cached page and list forgotten.")
