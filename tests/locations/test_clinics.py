from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from demo.pictures import draw_clinic_photo
from locations.models import OpeningHours
from tests.factories import (
    clinic_form,
    make_author,
    make_clinic,
    make_opening_hours,
    make_plan,
    make_service,
    make_special_hours,
    make_story,
    sign_in_staff,
)
from tests.html import json_ld

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
    assertContains(response, "<td>7:30 am – 6:30 pm</td>", html=True)
    assertContains(response, "<td>7:30 am – 12 pm, 1 pm – 7 pm</td>", html=True)
    assertContains(response, "<td>Closed</td>", html=True, count=5)


def test_inactive_clinic_page_is_not_found(client):
    clinic = make_clinic(active=False)
    assert client.get(clinic.get_absolute_url()).status_code == 404


def test_clinic_pages_keep_a_constant_query_count(client, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the pages themselves, as on a page-cache miss
    services = [make_service(f"Service {n}") for n in range(4)]
    clinics = []
    for n in range(20):
        clinic = make_clinic(slug=f"clinic-x{n}")
        clinic.services.set(services)
        for day in range(6):
            make_opening_hours(clinic, day, "08:00", "17:00")
        make_special_hours(clinic, timezone.localdate() + timedelta(days=3), note="Staff training")
        clinics.append(clinic)
    # Each clinic page also shows its team, its plans and its patients' stories.
    for n in range(30):
        make_author(name=f"Therapist {n}").clinics.set(clinics[n % 20 : n % 20 + 2])
        make_plan(clinics[: n % 20 + 1], name=f"Plan {n}")
        make_story(name=f"Patient {n}", clinic=clinics[n % 20])
    # The shared lists (clinics with their hours, team, plans, stories) are built once per
    # change, not per page.
    client.get("/locations/clinic-x0/")
    with django_assert_max_num_queries(3):
        assertContains(client.get("/locations/"), "clinic-x19")
    with django_assert_max_num_queries(3):
        assertContains(client.get("/locations/?zip=20716"), "clinic-x19")
    with django_assert_max_num_queries(3):
        response = client.get("/locations/clinic-x3/")
        assertContains(response, "8 am – 5 pm")
        assertContains(response, "Service 3")
        assertContains(response, "Staff training")
        assertContains(response, "Therapist 23")
        assertContains(response, "<li>Plan 29</li>", html=True)
        assertContains(response, "Patient 23")


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


def test_clinic_page_says_whether_it_is_open_now_in_eastern_time(client, time_machine):
    clinic = make_clinic(slug="crofton")
    make_opening_hours(clinic, OpeningHours.Weekday.THURSDAY, "08:00", "19:00")
    make_opening_hours(clinic, OpeningHours.Weekday.FRIDAY, "08:00", "14:00")
    # Thursday 2026-11-19, 6:45 pm in Maryland (23:45 UTC).
    time_machine.move_to(datetime(2026, 11, 19, 23, 45, tzinfo=UTC), tick=False)
    assertContains(client.get("/locations/crofton/"), "Open now · closes 7 pm")
    time_machine.move_to(datetime(2026, 11, 20, 0, 5, tzinfo=UTC), tick=False)  # 7:05 pm
    assertContains(client.get("/locations/crofton/"), "Closed · opens tomorrow 8 am")


def test_clinic_page_highlights_today_and_lists_upcoming_holidays(client, time_machine):
    clinic = make_clinic(slug="bowie")
    for day in range(5):
        make_opening_hours(clinic, day, "07:00", "18:00")
    make_special_hours(clinic, date(2026, 11, 26), note="Thanksgiving")
    make_special_hours(
        clinic, date(2026, 12, 24), opens="08:00", closes="12:00", note="Christmas Eve"
    )
    make_special_hours(clinic, date(2026, 11, 2), note="Long past")
    time_machine.move_to(datetime(2026, 11, 24, 15, tzinfo=UTC), tick=False)  # Tuesday
    response = client.get("/locations/bowie/")
    html = response.content.decode()
    today_row = html.split('aria-current="date"')[1].split("</tr>")[0]
    assert "Tuesday" in today_row and "(today)" in today_row
    assertContains(response, "<li>Thu Nov 26: closed (Thanksgiving)</li>", html=True)
    assertContains(response, "<li>Thu Dec 24: 8 am – 12 pm (Christmas Eve)</li>", html=True)
    assertNotContains(response, "Long past")
    # This week's Thursday shows the closure in place of its usual hours.
    assertContains(response, '<span class="hours__note">(Thanksgiving)</span>', html=True)


def test_clinic_page_lists_only_its_own_services_and_access_notes(client):
    clinic = make_clinic(
        slug="frederick",
        parking_notes="Lot behind the building.",
        accessibility_notes="Step-free entrance on Patrick Street.",
    )
    clinic.services.add(make_service("Dry needling"))
    make_service("Aquatic therapy")
    response = client.get("/locations/frederick/")
    assertContains(response, "<li>Dry needling</li>", html=True)
    assertNotContains(response, "Aquatic therapy")
    assertContains(response, "Lot behind the building.")
    assertContains(response, "Step-free entrance on Patrick Street.")


def test_clinic_photo_is_shown_with_its_description_and_size(client):
    clinic = make_clinic(slug="gaithersburg")
    clinic.photo.save("front.webp", draw_clinic_photo("Gaithersburg", size=(600, 400)), save=False)
    clinic.photo_alt = "Glass doors under a green Forever Fit sign"
    clinic.save()
    response = client.get("/locations/gaithersburg/")
    assertContains(response, 'alt="Glass doors under a green Forever Fit sign"')
    assertContains(response, 'width="600" height="400"')
    assert client.get(clinic.photo.url).status_code == 200


def test_a_photo_needs_a_description():
    clinic = make_clinic()
    clinic.photo.save("front.webp", draw_clinic_photo("Bowie", size=(600, 400)), save=False)
    with pytest.raises(ValidationError, match="Describe the photo"):
        clinic.full_clean()


def test_clinic_page_describes_the_clinic_for_search_engines(client):
    clinic = make_clinic(
        slug="bowie",
        name="Bowie",
        street_address="4330 Northview Drive",
        postal_code="20716",
        phone="+13015550128",
        latitude="38.94680",
        longitude="-76.73350",
    )
    make_opening_hours(clinic, OpeningHours.Weekday.MONDAY, "07:00", "18:00")
    make_special_hours(clinic, timezone.localdate() + timedelta(days=2), note="Staff training")
    data = json_ld(client.get("/locations/bowie/"))
    assert data["@type"] == "Physiotherapy"
    assert data["url"] == "https://www.foreverfitpt.example/locations/bowie/"
    assert data["telephone"] == "+13015550128"
    assert data["address"]["streetAddress"] == "4330 Northview Drive"
    assert data["address"]["postalCode"] == "20716"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 38.9468, "longitude": -76.7335}
    weekly, special = data["openingHoursSpecification"]
    assert weekly["dayOfWeek"] == "https://schema.org/Monday"
    assert (weekly["opens"], weekly["closes"]) == ("07:00", "18:00")
    closed_on = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert (special["validFrom"], special["validThrough"]) == (closed_on, closed_on)
    assert (special["opens"], special["closes"]) == ("00:00", "00:00")
    assert data["branchOf"]["@id"] == "https://www.foreverfitpt.example/#organization"


def test_home_page_describes_the_organisation_with_all_its_clinics(client):
    for order, name in enumerate(["Severna Park", "Frederick", "Crofton", "Bowie", "Gaithersburg"]):
        make_clinic(name=name, slug=name.lower().replace(" ", "-"), order=order)
    data = json_ld(client.get("/"))
    assert data["@id"] == "https://www.foreverfitpt.example/#organization"
    assert data["name"] == "Forever Fit Physical Therapy"
    branches = data["subOrganization"]
    assert [branch["name"] for branch in branches] == [
        "Forever Fit Severna Park",
        "Forever Fit Frederick",
        "Forever Fit Crofton",
        "Forever Fit Bowie",
        "Forever Fit Gaithersburg",
    ]
    assert all(branch["@type"] == "Physiotherapy" for branch in branches)


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user("manager", password="x", is_staff=True)
    manager.groups.add(Group.objects.get(name="Clinic managers"))
    sign_in_staff(client, manager)
    return client


def hours_rows(*rows):
    data = {"opening_hours-TOTAL_FORMS": len(rows)}
    for n, (weekday, opens, closes) in enumerate(rows):
        data |= {
            f"opening_hours-{n}-weekday": weekday,
            f"opening_hours-{n}-opens": opens,
            f"opening_hours-{n}-closes": closes,
        }
    return data


def test_clinic_managers_edit_hours_including_split_days(manager_client):
    clinic = make_clinic(slug="bowie")
    response = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(clinic, **hours_rows((2, "07:30", "12:00"), (2, "13:00", "19:00"))),
    )
    assert response.status_code == 302
    assert [str(row) for row in clinic.opening_hours.all()] == [
        "Wednesday 7:30 am–12 pm",
        "Wednesday 1 pm–7 pm",
    ]


def test_admin_rejects_overlapping_intervals_with_a_message_that_says_what_to_fix(manager_client):
    clinic = make_clinic(slug="bowie")
    response = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(clinic, **hours_rows((0, "08:00", "13:00"), (0, "12:00", "17:00"))),
    )
    assertContains(response, "On Monday, 12 pm–5 pm overlaps 8 am–1 pm.")
    assert not clinic.opening_hours.exists()


def test_admin_rejects_an_interval_that_ends_before_it_starts(manager_client):
    clinic = make_clinic(slug="bowie")
    response = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(clinic, **hours_rows((0, "17:00", "08:00"))),
    )
    assertContains(response, "Closing time must be after opening time.")


def test_admin_rejects_a_closed_day_with_opening_times(manager_client):
    clinic = make_clinic(slug="bowie")
    response = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(
            clinic,
            **{
                "special_hours-TOTAL_FORMS": 1,
                "special_hours-0-date": "2026-12-25",
                "special_hours-0-closed": "on",
                "special_hours-0-opens": "08:00",
                "special_hours-0-closes": "12:00",
                "special_hours-0-note_en": "Christmas",
            },
        ),
    )
    assertContains(response, "A closed day has no opening times", count=1)
    assertNotContains(response, "Either tick")  # one message for one mistake


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("5 pm", "17:00"),
        ("5:30pm", "17:30"),
        ("5:30 p.m.", "17:30"),
        ("17:00", "17:00"),
        ("8 AM", "08:00"),
        ("12 pm", "12:00"),
        ("12 am", "00:00"),
    ],
)
def test_opening_hours_are_typed_the_way_people_write_times(manager_client, typed, stored):
    clinic = make_clinic(slug="bowie")
    response = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(clinic, **hours_rows((0, typed, "11:59 pm"))),
    )
    assert response.status_code == 302
    assert f"{clinic.opening_hours.get().opens:%H:%M}" == stored


def test_the_hours_form_shows_times_as_people_write_them_and_says_what_a_missing_day_means(
    manager_client,
):
    clinic = make_clinic(slug="bowie")
    make_opening_hours(clinic, 0, "07:00", "17:30")
    response = manager_client.get(f"/admin/locations/clinic/{clinic.pk}/change/")
    assertContains(response, 'value="7:00 am"')
    assertContains(response, 'value="5:30 pm"')
    assertNotContains(response, "07:00:00")
    assertContains(response, "a weekday without a row is closed")
    wrong = manager_client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(clinic, **hours_rows((0, "7 am", "teatime"))),
    )
    assertContains(wrong, "Enter a time like 8 am, 5:30 pm or 17:00.")


def test_clinic_managers_cannot_edit_articles(manager_client):
    assert manager_client.get("/admin/articles/article/").status_code == 403
    assert manager_client.get("/admin/locations/clinic/").status_code == 200


def test_a_clinic_page_leads_back_to_every_clinic_and_its_header_calls_that_clinic(
    client, settings
):
    make_clinic(name="Bowie", slug="bowie", phone="+13015550128")
    page = client.get("/locations/bowie/")
    assertContains(
        page,
        '<nav class="breadcrumb" aria-label="Breadcrumb">'
        '<a href="/locations/">Our clinics</a></nav>',
        html=True,
    )
    assertContains(page, '<a class="call-button" href="tel:+13015550128">')
    # Everywhere else the header calls the main number.
    home = client.get("/locations/")
    assertContains(home, f'<a class="call-button" href="tel:{settings.CLINIC_MAIN_PHONE}">')


def test_clinic_managers_read_and_type_phones_as_americans_write_them(manager_client):
    clinic = make_clinic(slug="bowie", phone="+13015550128")
    url = f"/admin/locations/clinic/{clinic.pk}/change/"
    assertContains(manager_client.get(url), 'value="(301) 555-0128"')
    assertContains(manager_client.get("/admin/locations/clinic/"), "(301) 555-0128")
    response = manager_client.post(url, clinic_form(clinic, phone="301.555.0199"))
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.phone == "+13015550199"
