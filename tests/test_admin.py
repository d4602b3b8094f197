"""Staff find and filter what they need in the admin."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_article, make_clinic, sign_in_staff
from tests.test_configuration import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    sign_in_staff(client, admin_user)
    return client


def test_admin_lives_at_the_path_from_the_environment():
    # ADMIN_URL is read when the URLs load, so a fresh process shows what the setting does.
    result = run_manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_DEBUG="true",
        DJANGO_ADMIN_URL="staff-7f3a/",
    )
    assert result.stdout.strip().splitlines()[-1] == "/staff-7f3a/", result.stderr


def test_the_admin_asks_staff_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_article_admin_lists_status_and_filters_by_it(staff_client):
    make_article(title="Draft on knees", status="draft")
    make_article(title="Live on backs")
    response = staff_client.get("/admin/articles/article/?status__exact=draft")
    assertContains(response, "Draft on knees")
    assertNotContains(response, "Live on backs")


def test_clinic_admin_rejects_an_invalid_phone(staff_client):
    clinic = make_clinic(slug="bowie")
    url = f"/admin/locations/clinic/{clinic.pk}/change/"
    data = {
        "name": clinic.name,
        "slug": "bowie",
        "active": "on",
        "order": 0,
        "street_address": clinic.street_address,
        "city": "Bowie",
        "state": "MD",
        "postal_code": "20716",
        "latitude": "38.9",
        "longitude": "-76.7",
        "parking_notes": "",
        "phone": "12345",
        "notification_email": "bowie@example.com",
        "opening_hours-TOTAL_FORMS": 0,
        "opening_hours-INITIAL_FORMS": 0,
    }
    assertContains(staff_client.post(url, data), "This is not a valid phone number")
