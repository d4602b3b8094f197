"""What readers search for, counted for editors without a database write per search.

Each search adds one to a counter in the shared cache (the phrase in search form, whether it
showed any article, the week); the task worker moves the counters of this week and the last to
the database every few minutes (articles.SearchCount), keeping only phrases searched at least
FEWEST_KEPT times that week, and deletes weeks older than SEARCH_COUNT_RETENTION_DAYS.
While the shared cache is down nothing is counted: a database write per search is what this
avoids, and the counts are a guide, not a record.

The cache has no list of its keys, so each week keeps its own: a numbered entry per phrase the
first time it is counted, up to MOST_PHRASES_A_WEEK (a flood of made-up searches cannot make
the worker's reading endless).
"""

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from articles.models import SearchCount
from core.cache_outages import shared_cache_available
from core.redis_cache import CacheUnavailable

FEWEST_KEPT = 3  # a phrase searched fewer times a week may be someone's name or number
MOST_PHRASES_A_WEEK = 5_000
MOVED_EVERY = 300  # seconds
KEPT_IN_CACHE = 16 * 24 * 3600  # seconds: this week and the last, with a day to spare
READ_AT_ONCE = 500


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _keys(week: date):
    prefix = f"searches:{week.isoformat()}"
    return f"{prefix}:phrases", lambda n: f"{prefix}:phrase:{n}", f"{prefix}:count:"


def count_search(terms: str, *, found: bool) -> None:
    """Count one search of these terms (already in search form) in this week."""
    if not terms or not shared_cache_available():
        return
    phrases, phrase, count_prefix = _keys(week_of(timezone.localdate()))
    counter = count_prefix + hashlib.sha256(f"{found}:{terms}".encode()).hexdigest()[:32]
    try:
        if not cache.add(counter, 1, timeout=KEPT_IN_CACHE):
            cache.incr(counter)
            return
        cache.add(phrases, 0, timeout=KEPT_IN_CACHE)
        number = cache.incr(phrases)
        if number <= MOST_PHRASES_A_WEEK:
            cache.set(phrase(number), (terms, found, counter), timeout=KEPT_IN_CACHE)
    except (CacheUnavailable, ValueError):  # gone mid-way (ValueError: the key expired)
        return


def move_search_counts() -> int:
    """Write this week's and last week's counts to the database; return how many rows."""
    this_week = week_of(timezone.localdate())
    moved = 0
    for week in (this_week - timedelta(weeks=1), this_week):
        moved += _move_week(week)
    oldest = timezone.localdate() - timedelta(days=settings.SEARCH_COUNT_RETENTION_DAYS)
    SearchCount.objects.filter(week__lt=week_of(oldest)).delete()
    return moved


def _move_week(week: date) -> int:
    phrases, phrase, _ = _keys(week)
    numbers = range(1, min(cache.get(phrases) or 0, MOST_PHRASES_A_WEEK) + 1)
    entries = []
    for start in range(0, len(numbers), READ_AT_ONCE):
        keys = [phrase(n) for n in numbers[start : start + READ_AT_ONCE]]
        found = cache.get_many(keys)
        entries += [found[key] for key in keys if key in found]
    counts = {}
    for start in range(0, len(entries), READ_AT_ONCE):
        batch = entries[start : start + READ_AT_ONCE]
        counts.update(cache.get_many([counter for *_, counter in batch]))
    totals: dict[str, int] = {}
    for terms, _, counter in entries:
        totals[terms] = totals.get(terms, 0) + counts.get(counter, 0)
    rows = [
        SearchCount(week=week, query=terms, found=found, count=counts[counter])
        for terms, found, counter in entries
        if counts.get(counter) and totals[terms] >= FEWEST_KEPT
    ]
    SearchCount.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["week", "query", "found"],
        update_fields=["count"],
    )
    return len(rows)
