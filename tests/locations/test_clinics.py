import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from pytest_django.asserts import assertContains, assertNotContains

from locations.models import OpeningHours
from tests.factories import make_clinic, make_opening_hours

pytestmark = pytest.mark.django_db


def test_clinic_list_shows_active_clinics_in_staff_order(client):
    make_clinic(name="Gaithersburg", order=2)
    make_clinic(name="Severna Park", order=1)
    make_clinic(name="Old Annapolis office", active=False)
    response = client.get("/locations/")
    html = response.content.decode()
    assert html.index("Severna Park") < html.index("Gaithersburg")
    assertNotContains(response, "Old Annapolis office")


def test_clinic_page_shows_address_click_to_call_and_directions(client):
    clinic = make_clinic(
        name="Bowie",
        slug="bowie",
        street_address="4330 Northview Drive, Suite 105",
        city="Bowie",
        postal_code="20716",
        phone="+13015550128",
    )
    response = client.get(clinic.get_absolute_url())
    assertContains(
        response, "<address>4330 Northview Drive, Suite 105<br>Bowie, MD 20716</address>", html=True
    )
    assertContains(response, 'href="tel:+13015550128"')
    assertContains(response, "Call (301) 555-0128")
    assertContains(
        response, "https://www.google.com/maps/dir/?api=1&amp;destination=4330+Northview"
    )
    assertContains(response, 'href="/request-appointment/?clinic=bowie"')


def test_clinic_page_shows_weekly_hours_including_split_days_and_closed_days(client):
    clinic = make_clinic(slug="frederick")
    make_opening_hours(clinic, OpeningHours.Weekday.WEDNESDAY, "13:00", "19:00")
    make_opening_hours(clinic, OpeningHours.Weekday.WEDNESDAY, "07:30", "12:00")
    make_opening_hours(clinic, OpeningHours.Weekday.MONDAY, "07:30", "18:30")
    response = client.get("/locations/frederick/")
    assertContains(
        response, '<tr><th scope="row">Monday</th><td>7:30 AM – 6:30 PM</td></tr>', html=True
    )
    assertContains(
        response,
        '<tr><th scope="row">Wednesday</th><td>7:30 AM – 12:00 PM, 1:00 PM – 7:00 PM</td></tr>',
        html=True,
    )
    assertContains(response, '<tr><th scope="row">Sunday</th><td>Closed</td></tr>', html=True)


def test_inactive_clinic_page_is_not_found(client):
    clinic = make_clinic(active=False)
    assert client.get(clinic.get_absolute_url()).status_code == 404


def test_clinic_pages_keep_a_constant_query_count(client, django_assert_max_num_queries):
    for n in range(20):
        clinic = make_clinic(slug=f"clinic-x{n}")
        for day in range(6):
            make_opening_hours(clinic, day, "08:00", "17:00")
    with django_assert_max_num_queries(3):
        assertContains(client.get("/locations/"), "clinic-x19")
    with django_assert_max_num_queries(3):
        assertContains(client.get("/locations/clinic-x3/"), "8:00 AM – 5:00 PM")


def test_opening_hours_must_close_after_they_open():
    clinic = make_clinic()
    with pytest.raises(IntegrityError):
        make_opening_hours(clinic, OpeningHours.Weekday.MONDAY, "18:00", "08:00")


def test_clinic_phone_is_validated_and_stored_in_e164():
    clinic = make_clinic(phone="(410) 555-0142")
    clinic.full_clean()
    assert clinic.phone == "+14105550142"
    clinic.phone = "555-01"
    with pytest.raises(ValidationError, match="area code"):
        clinic.full_clean()
