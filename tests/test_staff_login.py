"""Staff sign-in lock-outs (django-axes): shared by every process, exactly as long as they say,
visible to practice managers, who can lift them; logged without the password."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from tests.factories import current_code, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "coordinator", password="right-password-long", is_staff=True
    )


@pytest.fixture(autouse=True)
def three_failures_fifteen_minutes(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.STAFF_LOGIN_LOCKOUT_MINUTES = 15
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, password, username="coordinator", **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **extra
    )


def test_repeated_failures_lock_the_username_even_with_the_right_password(client, staff_user):
    for _ in range(2):
        assertContains(sign_in(client, "wrong"), "Please enter the correct username")
    locked = sign_in(client, "wrong")
    assertContains(locked, "Too many failed sign-ins. Wait 15 minutes", status_code=429)
    response = sign_in(client, "right-password-long")
    assertContains(response, "ask a practice manager to lift the lock", status_code=429)
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_lock_it_for_other_usernames_too(client, staff_user):
    for name in ("alice", "bob", "carol"):
        sign_in(client, "guess", username=name)
    assert sign_in(client, "right-password-long").status_code == 429


def test_the_lock_lasts_exactly_the_minutes_it_names(client, staff_user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(3):
        sign_in(client, "wrong")
    time_machine.shift(timedelta(minutes=14, seconds=50))
    assert sign_in(client, "right-password-long").status_code == 429
    time_machine.shift(timedelta(seconds=20))  # 15 minutes after the last failure
    assertRedirects(
        sign_in(client, "right-password-long"), "/admin/", fetch_redirect_response=False
    )


def test_a_practice_manager_sees_the_lock_out_and_lifts_it(client, staff_user):
    for _ in range(3):
        sign_in(client, "wrong")
    manager = make_staff("manager", "Practice managers")
    manager.set_password("manager-password-long")
    manager.save()
    office = Client(REMOTE_ADDR="192.0.2.50")  # the manager signs in from another address
    assert (
        office.post(
            "/admin/login/", {"username": "manager", "password": "manager-password-long"}
        ).status_code
        == 302
    )
    app = TOTPDevice.objects.create(user=manager, name="Phone")
    office.post("/admin/second-factor/", {"code": current_code(app)})
    assertContains(office.get("/admin/"), "Sign-in lock-outs")
    attempt = AccessAttempt.objects.get(username="coordinator")
    assertContains(office.get("/admin/axes/accessattempt/"), "coordinator")
    office.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assertRedirects(
        sign_in(client, "right-password-long"), "/admin/", fetch_redirect_response=False
    )


def test_sign_ins_and_lock_outs_are_logged_without_the_password(client, staff_user, caplog):
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            sign_in(client, "a-guessed-secret")
        client.post("/admin/login/", {"username": "coordinator", "password": "x"})
    text = caplog.text
    assert "User login failed" in text and "Locking out" in text
    assert "a-guessed-secret" not in text


def test_a_correct_sign_in_within_the_limit_works_and_clears_the_count(client, staff_user):
    sign_in(client, "wrong")
    assertRedirects(
        sign_in(client, "right-password-long"), "/admin/", fetch_redirect_response=False
    )
    assert not AccessAttempt.objects.filter(username="coordinator").exists()
