"""What the shared cache cannot hold while it is down (missed changes, rate-limit counts), and
the task workers' heartbeats."""

from django.db import models
from django.utils import timezone


class MissedCacheChange(models.Model):
    """A change saved while the shared cache was down, which could not forget the cached pages
    and lists that showed the old content (core/cache_outages.py)."""

    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Change at {self.at:%Y-%m-%d %H:%M:%S} not yet forgotten by the cache"


class RateLimitCount(models.Model):
    """A rate-limit count kept in the database while the shared cache is down: several workers
    and hosts must still share one count (core/rate_limits.py)."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.expires_at:%H:%M:%S}"


class WorkerHeartbeat(models.Model):
    """A running task worker, seen alive at `last_seen` (core/task_worker.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"Worker {self.pid} on {self.host}"
