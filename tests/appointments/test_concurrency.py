"""Fifty patients pressing "Send" at the same moment: every request lands, once."""

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from appointments.models import AppointmentRequest
from tests.factories import form_data

SUBMISSIONS = 50


class ProductionBacklogServer(ThreadedWSGIServer):
    # Django's test server queues 10 connections, gunicorn 2048: fifty at once need more.
    request_queue_size = 128


class ServerThread(LiveServerThread):
    server_class = ProductionBacklogServer


@pytest.fixture
def server():
    """A live server on its own database connections, as separate web processes would be."""
    thread = ServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


# The server's own connections need committed data: a transactional test.
def test_fifty_simultaneous_submissions_from_distinct_clients_all_land(
    restored_migration_data, server, settings
):
    settings.APPOINTMENT_FORM_MIN_SECONDS = 0  # these clients fill the form in no time
    settings.BEHIND_TLS_PROXY = True  # each client gets its own address (and rate limit)
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False  # plain HTTP here
    url = server + "/request-appointment/"
    start = threading.Barrier(SUBMISSIONS)
    outcomes = [None] * SUBMISSIONS

    def patient(n):
        headers = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = browser.open(urllib.request.Request(url, headers=headers), timeout=30).read()
        fields = dict(re.findall(rb'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
        data = form_data(last_name=f"Patient{n:02}", shown=fields[b"shown"].decode())
        data["csrfmiddlewaretoken"] = fields[b"csrfmiddlewaretoken"].decode()
        body = urllib.parse.urlencode(data).encode()
        start.wait()  # all fifty send at once
        response = browser.open(urllib.request.Request(url, body, headers=headers), timeout=60)
        outcomes[n] = (response.status, response.url)

    threads = [threading.Thread(target=patient, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == [(200, server + "/request-appointment/thanks/")] * SUBMISSIONS
    names = sorted(AppointmentRequest.objects.values_list("last_name", flat=True))
    assert names == [f"Patient{n:02}" for n in range(SUBMISSIONS)]
    assert not AppointmentRequest.objects.filter(status="spam").exists()
