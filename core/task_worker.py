"""The task worker's life: a heartbeat, and what happens when a worker is gone.

django-tasks-db's worker claims a task and runs it; if the process is killed, the task stays
"running" and whatever it held stays held. Here every worker writes a heartbeat every
HEARTBEAT_SECONDS from a thread of its own (so a long task does not stop it), and every worker
looks, at start and at each beat, for workers whose heartbeat stopped: their tasks are marked
failed and the apps take back what those workers held (`when_workers_gone`), within about
GONE_AFTER seconds of the death instead of a lease's minutes. Apps also say what a worker does
when it starts (`at_worker_start`) and what it does every so often (`every`), so
`manage.py db_worker` alone is a complete worker.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from core.page_cache import catch_up

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
GONE_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)

_at_start: list[Callable[[], object]] = []
_when_gone: list[Callable[[set[str]], object]] = []
_every: list[tuple[float, Callable[[], object]]] = []
# The id of the worker running in this process (None outside a worker): what it claims, it
# claims under this name.
current_worker_id: str | None = None


def at_worker_start(check: Callable[[], object]) -> None:
    """Run `check` whenever a worker starts (from an app's ready())."""
    _at_start.append(check)


def when_workers_gone(take_back: Callable[[set[str]], object]) -> None:
    """Call `take_back(worker_ids)` when workers are found dead (from an app's ready())."""
    _when_gone.append(take_back)


def every(seconds: float, work: Callable[[], object]) -> None:
    """Run `work` in each worker about every `seconds`, at a heartbeat (from an app's ready())."""
    _every.append((seconds, work))


def take_over_from_gone_workers() -> set[str]:
    """Fail the tasks of workers whose heartbeat stopped, and let the apps take back what they
    held; return those workers' ids."""
    now = timezone.now()
    gone = set(
        WorkerHeartbeat.objects.filter(last_seen__lt=now - GONE_AFTER).values_list(
            "worker_id", flat=True
        )
    )
    if not gone:
        return gone
    orphans = [
        result.pk
        for result in DBTaskResult.objects.running().only("pk", "worker_ids")
        if result.worker_ids and result.worker_ids[-1] in gone
    ]
    DBTaskResult.objects.filter(pk__in=orphans).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="core.task_worker.WorkerGone",
        traceback="The worker running this task stopped (its heartbeat did); another worker "
        "took the work over.",
    )
    for take_back in _when_gone:
        take_back(gone)
    WorkerHeartbeat.objects.filter(worker_id__in=gone).delete()
    logger.warning("%d task worker(s) gone; %d task(s) taken over.", len(gone), len(orphans))
    return gone


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.next_runs = [time.monotonic() + seconds for seconds, _ in _every]

    def run(self):
        try:
            while not self.stopping.wait(HEARTBEAT_SECONDS):
                self.beat()
        finally:
            connections.close_all()  # this thread's own connections

    def beat(self) -> None:
        try:
            close_old_connections()  # a connection the database dropped is opened again
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={"last_seen": timezone.now()},
                create_defaults=_identity(),
            )
            take_over_from_gone_workers()
            catch_up()  # what the shared cache missed while it was down
            self.run_what_is_due()
        except DatabaseError:
            logger.exception("Task worker heartbeat failed; next try in %s s.", HEARTBEAT_SECONDS)

    def run_what_is_due(self) -> None:
        now = time.monotonic()
        for i, (seconds, work) in enumerate(_every):
            if now >= self.next_runs[i]:
                self.next_runs[i] = now + seconds
                try:
                    work()
                except Exception:  # one app's failure must not stop the heartbeat
                    logger.exception("Regular work %s failed; next try in %s s.", work, seconds)


def _identity() -> dict:
    return {"host": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": timezone.now()}


@contextmanager
def alive(worker_id: str):
    """Announce the worker, run the start-up checks, beat until the block ends."""
    global current_worker_id
    current_worker_id = worker_id
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults=_identity())
    take_over_from_gone_workers()
    catch_up()
    for check in _at_start:
        check()
    heartbeat = Heartbeat(worker_id)
    heartbeat.start()
    try:
        yield
    finally:
        heartbeat.stopping.set()
        heartbeat.join(timeout=HEARTBEAT_SECONDS)
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
        current_worker_id = None
