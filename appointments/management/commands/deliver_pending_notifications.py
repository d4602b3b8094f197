from django.core.management.base import BaseCommand

from appointments.tasks import (
    enqueue_overdue_notifications,
    fail_abandoned_tasks,
    schedule_queue_check,
)


class Command(BaseCommand):
    help = (
        "Queue notifications that were lost (a worker died mid-send, or queueing failed), and "
        "the worker's own regular look after the queue. Run it when the worker starts and "
        "every few minutes (a backstop: the running worker looks every minute itself)."
    )

    def handle(self, *args, **options):
        failed = fail_abandoned_tasks()
        count = enqueue_overdue_notifications()
        schedule_queue_check()
        self.stdout.write(
            f"Queued {count} overdue notification(s); {failed} abandoned task(s) marked failed."
        )
