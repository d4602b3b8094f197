import pytest
from pytest_django.asserts import assertContains, assertRedirects

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "coordinator", password="right-password-long", is_staff=True
    )


def sign_in(client, password, username="coordinator", **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **extra
    )


def test_repeated_failures_lock_the_username_even_with_the_right_password(
    client, staff_user, settings
):
    settings.STAFF_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        assertContains(sign_in(client, "wrong"), "Please enter the correct username")
    response = sign_in(client, "right-password-long")
    assertContains(response, "Too many failed sign-ins. Wait 15 minutes")
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_lock_it_for_other_usernames_too(client, staff_user, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 3
    for name in ("alice", "bob", "carol"):
        sign_in(client, "guess", username=name)
    assertContains(sign_in(client, "right-password-long"), "Too many failed sign-ins")


def test_a_correct_sign_in_within_the_limit_works(client, staff_user, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 3
    sign_in(client, "wrong")
    assertRedirects(
        sign_in(client, "right-password-long"), "/admin/", fetch_redirect_response=False
    )
