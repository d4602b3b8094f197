"""PostgreSQL connections that die (a failover, a restart, `pg_terminate_backend`) cost no
page and no task: web processes and the task worker check a kept connection before using it
(CONN_HEALTH_CHECKS) and open a new one.

PostgreSQL only: SQLite has no server to lose. CI runs the suite on PostgreSQL too.
"""

import io
import sys

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from appointments.tasks import deliver_notifications
from tests.factories import make_article, make_clinic, make_request

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only (CI runs the suite on it)"
    ),
]


def kill_the_connection() -> None:
    """End this process's database session from the server's side, as a failover would."""
    raw = connection.connection
    assert raw is not None, "no connection open yet"
    with pytest.raises(psycopg.OperationalError):
        # Straight through the driver: Django must not learn of it except by finding out.
        raw.execute("SELECT pg_terminate_backend(pg_backend_pid())")


def get(path: str) -> tuple[int, bytes]:
    """A request the way gunicorn hands it over: through the WSGI handler, whose request
    signals close or check old connections (the test client turns that off)."""
    environ = RequestFactory().get(path).environ
    environ["wsgi.input"] = io.BytesIO()
    environ["wsgi.errors"] = sys.stderr
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    return int(statuses[0].split()[0]), body


def test_a_connection_killed_between_requests_costs_no_page(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request reads the database
    make_article(title="Knee care", slug="knee-care")
    assert get("/articles/knee-care/")[0] == 200
    kill_the_connection()
    status, body = get("/articles/knee-care/")
    assert status == 200
    assert b"Knee care" in body


def test_a_connection_killed_between_tasks_costs_the_worker_no_task(mailoutbox):
    request = make_request(clinic=make_clinic(name="Bowie"), email="")
    deliver_notifications.enqueue(request.pk)
    kill_the_connection()
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert [m.subject for m in mailoutbox] == [f"New appointment request #{request.pk} for Bowie"]


def test_a_connection_killed_in_the_middle_of_a_page_costs_no_page(settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_article(title="Knee care", slug="knee-care")
    get("/articles/knee-care/")  # a kept connection, as in a running web process
    killed = []

    def die_on_the_article_query(execute, sql, params, many, context):
        if not killed and "articles_article" in sql:
            killed.append(sql)
            kill_the_connection()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(die_on_the_article_query):
        status, body = get("/articles/knee-care/")
    assert killed, "the connection was never killed"
    assert status == 200
    assert b"Knee care" in body


def test_a_connection_killed_in_the_middle_of_a_delivery_is_tried_again_at_once(mailoutbox):
    request = make_request(clinic=make_clinic(name="Bowie"), email="")
    deliver_notifications.enqueue(request.pk)
    seen = []

    def die_after_the_claim(execute, sql, params, many, context):
        if "appointments_appointmentrequest" in sql:
            seen.append(sql)
            if len(seen) == 2:  # the claim is taken; the request is being read
                kill_the_connection()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(die_after_the_claim):
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    # Sent in the same run, not after the claim's five minutes.
    assert [m.subject for m in mailoutbox] == [f"New appointment request #{request.pk} for Bowie"]
