"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat and the apps' start-up
checks (core/task_worker.py). --batch (run what is queued, then stop) stays as it was."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from core.task_worker import alive


class Command(db_worker.Command):
    help = (
        "Run the task worker: it takes over from workers that died, runs the start-up checks "
        "(overdue notifications), then the queue."
    )

    def handle(self, *args, **options):
        # With --reload the first process only watches files; its child is the worker.
        watcher = options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if options["batch"] or watcher:
            return super().handle(*args, **options)
        with alive(options["worker_id"]):
            return super().handle(*args, **options)
