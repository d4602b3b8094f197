"""The production services the README recommends, each reached for real over loopback.

PostgreSQL is covered by running the whole suite on it (.ci/run); here are the mail relay named
by EMAIL_URL and the shared cache named by CACHE_URL.
"""

import os
import re
import socket
from email import message_from_bytes

import environ
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from appointments.models import AppointmentRequest
from core.redis_cache import RedisCache
from forever_fit.settings import mailer_from_url
from tests.factories import form_data, make_clinic, make_topic, run_worker
from tests.workers import with_redis_db

REDIS_URL = with_redis_db(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))


class Mailbox:
    """An SMTP relay's inbox: what arrived, and who signed in to send it."""

    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"relay-secret")


@pytest.fixture
def smtp_relay():
    mailbox = Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=mailbox.authenticate,
        auth_require_tls=False,  # loopback only; production URLs use smtp+tls
    )
    controller.start()
    yield mailbox, port
    controller.stop()


@pytest.mark.django_db
def test_notifications_go_out_through_the_smtp_relay_named_by_email_url(
    client, django_capture_on_commit_callbacks, settings, smtp_relay
):
    mailbox, port = smtp_relay
    settings.MAILERS = {"default": mailer_from_url(f"smtp://mailer:relay-secret@127.0.0.1:{port}")}
    bowie = make_clinic(name="Bowie", notification_email="bowie@clinic.example")
    make_topic(name="Back pain", slug="back-pain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/request-appointment/",
            form_data(
                clinic=bowie.pk,
                email="sam@example.com",
                reason="back-pain",
                note="Sharp since the move in March",
                insurance_other="Aetna Choice",
            ),
        )
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().reason.name == "Back pain"  # the reason was given
    run_worker()

    assert set(mailbox.logins) == {("mailer", "relay-secret")}
    recipients = sorted(rcpt for rcpt_tos, _ in mailbox.messages for rcpt in rcpt_tos)
    assert recipients == ["bowie@clinic.example", "sam@example.com"]
    for _, message in mailbox.messages:
        text = message["Subject"] + "\n" + message.get_payload(decode=True).decode()
        assert not re.search(r"\bSam\b", text)
        for private in ("Rivera", "555-0199", "Back pain", "back-pain", "Sharp since", "Aetna"):
            assert private.casefold() not in text.casefold(), private


def test_the_redis_cache_url_gives_a_cache_every_web_process_shares():
    config = environ.Env.cache_url_config(REDIS_URL)
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    # settings.py puts ours in its place: Django's, keeping one client per connection pool.
    # Two cache objects stand for two web processes: what one writes, the other reads.
    first, second = (RedisCache(config["LOCATION"], {}) for _ in range(2))
    first.set("shared-check", "written by the first", 30)
    if not first.available:  # a cache that fails is a miss, so ask whether it answered
        # .ci/run starts a Redis server: there, none answering is a failure.
        assert not os.environ.get("CI"), f"No Redis answers at {REDIS_URL}"
        pytest.skip(f"No Redis answers at {REDIS_URL}; CI runs this test against one.")
    assert second.get("shared-check") == "written by the first"
    # Rate limits count with add + incr: both processes' counts land on one number.
    first.delete("shared-check-count")
    first.add("shared-check-count", 0, 30)
    first.incr("shared-check-count")
    second.incr("shared-check-count")
    assert first.get("shared-check-count") == 2
    # One client per pool, not one per call (core/redis_cache.py overrides three private methods
    # of Django's client for it: this fails when Django changes them).
    assert first._cache.get_client() is first._cache.get_client(write=True)
    first.delete_many(["shared-check", "shared-check-count"])
