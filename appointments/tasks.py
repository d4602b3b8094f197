"""Background work for appointment requests, run by `manage.py db_worker`."""

from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments import notifications
from appointments.retention import purge_old_requests


@task
def deliver_notifications(request_id: int) -> str:
    """Send a request's emails; after a mail failure, queue the next try for its backoff time."""
    delivery = notifications.deliver(request_id)
    if delivery.retry_at:
        deliver_notifications.using(run_after=delivery.retry_at).enqueue(request_id)
    return delivery.outcome


def enqueue_overdue_notifications() -> int:
    """Queue a delivery for each request whose own was lost (its worker died); return how many.

    Run at worker start and every few minutes (manage.py deliver_pending_notifications).
    """
    overdue = notifications.overdue_ids()
    for request_id in overdue:
        deliver_notifications.enqueue(request_id)
    return len(overdue)


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


@task
def look_after_the_queue() -> str:
    """Inside the running worker, every TASK_QUEUE_CHECK_SECONDS: fail what dead workers left
    running and send what they left unsent, without waiting for the periodic sweep."""
    failed = fail_abandoned_tasks()
    requeued = enqueue_overdue_notifications()
    schedule_queue_check()
    return f"{failed} abandoned task(s) failed, {requeued} delivery(ies) queued again"


@task
def purge_old_requests_task() -> str:
    """Delete requests past the retention period (schedule it daily); say what was removed."""
    return purge_old_requests().summary
