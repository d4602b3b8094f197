"""Background work for appointment requests, run by `manage.py db_worker`."""

from django.tasks import task

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


@task
def purge_old_requests_task() -> str:
    """Delete requests past the retention period (schedule it daily); say what was removed."""
    return purge_old_requests().summary
