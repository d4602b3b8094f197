"""The suite runs on every core (pytest-xdist, `make test`): what each worker keeps to itself.
Each has its own test database (pytest-django names it after the worker); Redis has sixteen
numbered databases and the tests empty theirs, so each of the at most six workers (`make test`:
--maxprocesses=6) gets its own pair of them, from 15 and 14 down."""

import os
import re

# "gw0", "gw1"... under xdist; none when pytest runs alone.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def redis_db(base: int = 14) -> int:
    """This worker's Redis database: base 14 for the site's cache (CI's CACHE_URL names 14),
    15 for the tests that open their own client."""
    return base - 2 * WORKER


def with_redis_db(url: str) -> str:
    """A redis:// URL moved to this worker's database (the database CI named, moved down)."""
    match = re.search(r"/(\d+)$", url)
    return re.sub(r"/\d+$", f"/{redis_db(int(match.group(1)))}", url) if match else url
