from django.core.management.base import BaseCommand

from appointments.tasks import check_the_queue, retry_waiting_now


class Command(BaseCommand):
    help = (
        "Queue notifications that were lost (a worker died mid-send, or queueing failed), and "
        "the worker's own regular look after the queue. A backstop to run every few minutes: "
        "a running worker does the same by itself. With --now (mail is back after an outage), "
        "also send what waits on its retry time at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Mail is back: send requests waiting on their retry time now.",
        )

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"{retry_waiting_now()} request(s) waiting to retry queued now.")
        self.stdout.write(check_the_queue())
