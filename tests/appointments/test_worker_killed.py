"""A task worker killed for real while sending: the mail server already has the clinic's email,
the request does not yet say so. A worker started as plain `manage.py db_worker` (no sweep)
notices the dead worker's heartbeat stop, marks its task failed and sends again under the same
Message-ID, well before the dead worker's claim (five minutes) runs out."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

PROJECT = Path(__file__).resolve().parents[2]


class KillingMailbox:
    """Accepts each email; on the first, kills the worker before it hears the server's 250."""

    def __init__(self):
        self.messages = []
        self.victim: subprocess.Popen | None = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        if self.victim is not None:
            os.kill(self.victim.pid, signal.SIGKILL)
            self.victim = None
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def environment(tmp_path):
    """A production-like process environment on a database file of this test's own."""
    mailbox = KillingMailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_ENV_FILE": "/dev/null",
        "DJANGO_SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
    }
    env.pop("CACHE_URL", None)
    workers = []

    def manage(*args, background=False):
        command = [sys.executable, "manage.py", *args]
        if background:
            workers.append(subprocess.Popen(command, cwd=PROJECT, env=env))
            return workers[-1]
        result = subprocess.run(
            command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]  # the logs go to stdout too

    yield mailbox, manage
    for worker in workers:
        worker.kill()
        worker.wait()
    controller.stop()


def test_a_worker_killed_mid_send_is_replaced_without_a_sweep_and_the_repeat_folds(environment):
    mailbox, manage = environment
    manage("migrate", "--noinput", "-v0")
    number = manage(
        "shell",
        "-c",
        "from tests.factories import make_clinic, make_request\n"
        "from appointments.tasks import deliver_notifications\n"
        "request = make_request(clinic=make_clinic(name='Bowie'), email='')\n"
        "deliver_notifications.enqueue(request.pk)\n"
        "print(request.pk)",
    )
    mailbox.victim = manage("db_worker", "--no-startup-delay", "--interval", "0.2", background=True)
    mailbox.victim.wait(timeout=60)
    assert len(mailbox.messages) == 1

    # Another worker starts; nobody runs the sweep, and the claim has five minutes left.
    started = time.monotonic()
    manage("db_worker", "--no-startup-delay", "--interval", "0.2", background=True)
    wait_for(lambda: len(mailbox.messages) == 2, seconds=60)
    assert time.monotonic() - started < 30
    state = json.loads(
        manage(
            "shell",
            "-c",
            "import json\n"
            "from appointments.models import AppointmentRequest\n"
            "from django_tasks_db.models import DBTaskResult\n"
            f"request = AppointmentRequest.objects.get(pk={number})\n"
            "tasks = DBTaskResult.objects.filter(task_path__endswith='deliver_notifications')\n"
            "print(json.dumps({'notified': request.notified_at is not None,"
            " 'tasks': sorted([t.status, t.exception_class_path] for t in tasks)}))",
        )
    )
    first, again = mailbox.messages
    assert first["Subject"] == again["Subject"] == f"New appointment request #{number} for Bowie"
    assert first["Message-ID"] == again["Message-ID"]
    assert state["notified"]
    assert ["FAILED", "core.task_worker.WorkerGone"] in state["tasks"]
    assert ["RUNNING", ""] not in state["tasks"]
