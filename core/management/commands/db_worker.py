"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat and the apps' start-up
checks (core/task_worker.py), that outlives a lost database connection. --batch (run what is
queued, then stop) stays as it was."""

import logging
import os
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from core.task_worker import alive

logger = logging.getLogger(__name__)


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
            pause = 1
            while True:
                started = time.monotonic()
                try:
                    return super().handle(*args, **options)
                except (OperationalError, InterfaceError) as error:
                    # django-tasks-db's loop stops at a database error it does not expect (a
                    # connection ended between its health check and its query): go on with a
                    # new connection instead of leaving the queue to the next restart.
                    logger.warning(
                        "Task worker lost its database connection (%s); trying again in %d s.",
                        type(error).__name__,
                        pause,
                    )
                    connections.close_all()
                    time.sleep(pause)
                    # Waits double while the database stays away (at most 30 s).
                    pause = 1 if time.monotonic() - started > 60 else min(pause * 2, 30)
