from django.core.management.base import BaseCommand

from appointments.tasks import enqueue_overdue_notifications


class Command(BaseCommand):
    help = (
        "Queue notifications that were lost (a worker died mid-send, or queueing failed). "
        "Run it when the worker starts and every few minutes."
    )

    def handle(self, *args, **options):
        count = enqueue_overdue_notifications()
        self.stdout.write(f"Queued {count} overdue notification(s).")
