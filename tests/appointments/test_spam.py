"""Spam and abuse, without third-party CAPTCHAs: kept and marked, never silently dropped."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from appointments.models import AppointmentRequest
from tests.factories import form_data, make_clinic, run_worker, shown_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        lambda: {"website": "https://cheap-pills.example"},  # filled the field people never see
        lambda: {"shown": shown_token(seconds_ago=1)},  # sent a second after the page loaded
        lambda: {"shown": "forged-token"},
        lambda: {"shown": ""},
    ],
    ids=["honeypot", "too fast", "forged token", "no token"],
)
def test_suspected_spam_is_stored_as_spam_and_notifies_nobody(
    client, django_capture_on_commit_callbacks, mailoutbox, changes
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/request-appointment/", form_data(**changes()))
    # The sender sees the ordinary thank-you page: nothing tells a bot what gave it away.
    assertRedirects(response, "/request-appointment/thanks/")
    saved = AppointmentRequest.objects.get()
    assert saved.status == AppointmentRequest.Status.SPAM
    run_worker()
    assert mailoutbox == []


def test_a_form_left_open_for_hours_is_shown_again_and_then_goes_through(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    stale = shown_token(seconds_ago=7 * 3600)
    response = client.post("/request-appointment/", form_data(shown=stale))
    assertContains(response, "This page was open for a long time")
    assertContains(response, 'value="Rivera"')
    assert not AppointmentRequest.objects.exists()
    # The page carries a renewed token: checked and sent again at a person's pace, it is a
    # genuine request (the stale token would be refused again; a missing one marked as spam).
    renewed = response.context["form"].data["shown"]
    assertContains(response, f'name="shown" value="{renewed}"')
    time_machine.shift(timedelta(seconds=30))
    response = client.post("/request-appointment/", form_data(shown=renewed))
    assertRedirects(response, "/request-appointment/thanks/")
    assert AppointmentRequest.objects.get().status == AppointmentRequest.Status.NEW


def test_past_the_limit_the_form_keeps_what_was_typed_beside_the_phone_numbers(client, settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 3
    make_clinic(name="Bowie", phone="+13015550128")
    for _ in range(3):
        assert client.post("/request-appointment/", form_data()).status_code == 302
    response = client.post(
        "/request-appointment/", form_data(last_name="Okonkwo", insurance_other="Cigna")
    )
    assertContains(response, "Please call us instead", status_code=429)
    assertContains(response, 'href="tel:+13015550128"', status_code=429)
    assertContains(response, 'value="Okonkwo"', status_code=429)
    assertContains(response, 'value="Cigna"', status_code=429)
    assert AppointmentRequest.objects.count() == 3


def test_a_form_sent_back_with_errors_does_not_count_toward_the_limit(client, settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 2
    for _ in range(5):
        response = client.post("/request-appointment/", form_data(phone="12"))
        assertContains(response, "This is not a valid phone number")
    assert client.post("/request-appointment/", form_data()).status_code == 302


def test_the_limit_is_per_client_behind_a_trusted_proxy(client, settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 1
    settings.BEHIND_TLS_PROXY = True
    # The proxy appends the address it saw: that last entry is the one that counts.
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.1"}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.2"}
    assert client.post("/request-appointment/", form_data(), **first).status_code == 302
    assert client.post("/request-appointment/", form_data(), **first).status_code == 429
    assert client.post("/request-appointment/", form_data(), **second).status_code == 302


def test_forwarded_addresses_are_ignored_unless_behind_a_trusted_proxy(client, settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 1
    settings.BEHIND_TLS_PROXY = False
    # A client cannot dodge the limit by inventing a forwarded-for header.
    assert (
        client.post(
            "/request-appointment/", form_data(), HTTP_X_FORWARDED_FOR="192.0.2.1"
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/request-appointment/", form_data(), HTTP_X_FORWARDED_FOR="192.0.2.2"
        ).status_code
        == 429
    )
