"""Background work for appointment requests, run by `manage.py db_worker`."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments import notifications
from appointments.models import AppointmentRequest

logger = logging.getLogger(__name__)


@task
def deliver_notifications(request_id: int) -> str:
    """Send a request's emails; after a mail failure, queue the next try for its backoff time."""
    try:
        delivery = notifications.deliver(request_id)
    except (OperationalError, InterfaceError):
        # The database connection died mid-delivery (a failover, a restart): on a new one,
        # give the request back and try again now, rather than after the claim's five minutes.
        connection.close()
        _deliver_now(AppointmentRequest.objects.filter(pk=request_id))
        return "database connection lost; queued again"
    if delivery.retry_at:
        deliver_notifications.using(run_after=delivery.retry_at).enqueue(request_id)
    elif delivery.outcome is notifications.Outcome.SENT and (retried := retry_waiting_now()):
        logger.info("Mail is back: %d request(s) waiting on a retry sent now.", retried)
    return delivery.outcome


def _deliver_now(requests) -> int:
    """Make these requests due now and queue a delivery for each; return how many."""
    numbers = list(requests.values_list("pk", flat=True))
    AppointmentRequest.objects.filter(pk__in=numbers).update(
        notify_after=timezone.now(), claimed_by=""
    )
    for number in numbers:
        deliver_notifications.enqueue(number)
    return len(numbers)


def retry_waiting_now() -> int:
    """Mail is back: send what waits on its backoff time now, not in an hour."""
    return _deliver_now(AppointmentRequest.objects.waiting_to_retry())


def take_back_from(worker_ids: set[str]) -> int:
    """Requests held by workers that are gone (core/task_worker.py): sent again now."""
    return _deliver_now(AppointmentRequest.objects.owing_email().filter(claimed_by__in=worker_ids))


def enqueue_overdue_notifications() -> int:
    """Queue a delivery for each request whose own was lost (its worker died); return how many.

    Run at worker start and every few minutes (manage.py deliver_pending_notifications).
    """
    overdue = notifications.overdue_ids()
    for request_id in overdue:
        deliver_notifications.enqueue(request_id)
    return len(overdue)


# Two functions below read and correct django-tasks-db's own rows (DBTaskResult, the model its
# admin and `prune_db_task_results` work on). Django's Tasks API answers "what became of the
# task I queued" (get_result), not "which tasks are still running past their lease" or "is one
# waiting already"; django-tasks-db 0.13 has no call for either, and a worker killed mid-task
# leaves its row "running" for ever. A test of each (tests/appointments/test_notifications.py)
# fails if these rows stop meaning what they mean here.


def fail_abandoned_tasks(now=None) -> int:
    """Mark as failed our tasks still "running" after their claim expired: their worker died
    (a worker that is alive finishes a delivery well within the lease)."""
    now = now or timezone.now()
    return (
        DBTaskResult.objects.running()
        .filter(
            task_path__in=[deliver_notifications.module_path, look_after_the_queue.module_path],
            started_at__lt=now - notifications.lease(),
        )
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="appointments.tasks.WorkerLost",
            traceback="The worker stopped while running this task; its claim expired, and the "
            "running worker took the work over.",
        )
    )


def schedule_queue_check() -> None:
    """Queue the next look after the queue unless one is already waiting."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=look_after_the_queue.module_path
    )
    if not waiting.exists():
        run_after = timezone.now() + timedelta(seconds=settings.TASK_QUEUE_CHECK_SECONDS)
        look_after_the_queue.using(run_after=run_after).enqueue()


def check_the_queue() -> str:
    """Fail what dead workers left running, send what they left unsent, and keep the worker's
    regular check queued: when a worker starts, every TASK_QUEUE_CHECK_SECONDS inside it, and
    from `manage.py deliver_pending_notifications`."""
    failed = fail_abandoned_tasks()
    requeued = enqueue_overdue_notifications()
    schedule_queue_check()
    return f"{requeued} overdue notification(s) queued; {failed} abandoned task(s) marked failed."


@task
def look_after_the_queue() -> str:
    """Inside the running worker: the regular check, without waiting for the periodic sweep."""
    return check_the_queue()
