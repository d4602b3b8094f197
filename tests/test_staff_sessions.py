"""Staff sessions: closed after idle minutes and after a lifetime; a new password ends others."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import sign_in_staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


@pytest.fixture
def staff_client(client, admin_user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    sign_in_staff(client, admin_user)
    assert client.get(ADMIN).status_code == 200
    return client


def test_staff_are_signed_out_after_thirty_idle_minutes(staff_client, time_machine, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    time_machine.shift(timedelta(minutes=29))
    assert staff_client.get(ADMIN).status_code == 200  # still working: the clock restarts
    time_machine.shift(timedelta(minutes=29))
    assert staff_client.get(ADMIN).status_code == 200
    time_machine.shift(timedelta(minutes=31))
    response = staff_client.get(ADMIN, follow=True)
    assertRedirects(response, "/admin/login/?next=/admin/")
    assertContains(response, "You were signed out after 30 minutes without activity")


def test_a_busy_session_still_ends_after_its_lifetime(staff_client, time_machine, settings):
    settings.STAFF_SESSION_MAX_HOURS = 8
    for _ in range(8 * 3):  # a request every 20 minutes, all day
        time_machine.shift(timedelta(minutes=20))
        response = staff_client.get(ADMIN)
    assert response.status_code == 200  # exactly 8 hours in
    time_machine.shift(timedelta(minutes=20))
    assertRedirects(staff_client.get(ADMIN), "/admin/login/?next=/admin/")


def test_a_password_change_signs_out_the_accounts_other_sessions(admin_user):
    desk, home = Client(), Client()
    for browser in (desk, home):
        sign_in_staff(browser, admin_user)
        assert browser.get(ADMIN).status_code == 200
    response = desk.post(
        "/admin/password_change/",
        {
            "old_password": "password",
            "new_password1": "a-new-and-long-passphrase-9",
            "new_password2": "a-new-and-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    assert desk.get(ADMIN).status_code == 200  # the browser that changed it stays in
    assertRedirects(home.get(ADMIN), "/admin/login/?next=/admin/")
