from django.core.management.base import BaseCommand

from appointments.retention import purge_old_requests


class Command(BaseCommand):
    help = (
        "Delete appointment requests older than APPOINTMENT_RETENTION_DAYS, keeping only "
        "anonymous counts per clinic and month. Run it daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(purge_old_requests().summary)
