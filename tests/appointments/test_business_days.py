"""When a new request becomes overdue: one business day, weekends not counted, on Eastern time."""

from datetime import date, datetime

import pytest
from pytest_django.asserts import assertContains

from appointments.business_days import contact_deadline, next_business_day
from tests.factories import form_data, make_clinic, make_request, make_special_hours, run_worker

pytestmark = pytest.mark.django_db


def eastern(text: str) -> datetime:
    return datetime.fromisoformat(text + "-05:00")  # November: Eastern Standard Time


@pytest.mark.parametrize(
    ("now", "created", "overdue"),
    [
        ("2026-11-23T10:00", "2026-11-20T16:00", False),  # Monday: Friday's are due today
        ("2026-11-24T08:00", "2026-11-20T16:00", True),  # Tuesday: they are late
        ("2026-11-21T12:00", "2026-11-19T22:00", True),  # Saturday: Thursday's were due Friday
        ("2026-11-22T12:00", "2026-11-20T08:00", False),  # Sunday: Friday's are due Monday
        # 23:30 Eastern is already the next day in UTC: the business day is still Eastern.
        ("2026-11-24T23:30", "2026-11-23T23:00", False),
        ("2026-11-25T00:30", "2026-11-23T23:00", True),
    ],
)
def test_a_new_request_is_overdue_after_the_day_the_patient_was_told(now, created, overdue):
    request = make_request(created_at=eastern(created))
    assert (request in type(request).objects.overdue(now=eastern(now))) is overdue


def test_a_closure_moves_the_day_a_request_becomes_overdue():
    bowie = make_clinic()
    make_special_hours(bowie, date(2026, 11, 23), note="Staff training")  # Monday
    request = make_request(clinic=bowie, created_at=eastern("2026-11-20T16:00"))
    assert not type(request).objects.overdue(now=eastern("2026-11-24T08:00")).exists()
    assert list(type(request).objects.overdue(now=eastern("2026-11-25T08:00"))) == [request]


def test_the_patient_hears_back_by_the_next_business_day():
    assert next_business_day(eastern("2026-11-20T10:00").date()).isoformat() == "2026-11-23"
    assert next_business_day(eastern("2026-11-24T10:00").date()).isoformat() == "2026-11-25"


def test_the_contact_day_skips_the_clinics_own_closures(time_machine):
    bowie, crofton = make_clinic(name="Bowie"), make_clinic(name="Crofton")
    make_special_hours(bowie, date(2026, 11, 27), note="Day after Thanksgiving")  # a Friday
    thursday = date(2026, 11, 26)
    assert contact_deadline(bowie, thursday) == date(2026, 11, 30)  # Monday, not Friday
    assert contact_deadline(crofton, thursday) == date(2026, 11, 27)  # Crofton is open
    # Without a preferred clinic, any open clinic can call: only a day closed everywhere counts.
    assert contact_deadline(None, thursday) == date(2026, 11, 27)
    make_special_hours(crofton, date(2026, 11, 27))
    assert contact_deadline(None, thursday) == date(2026, 11, 30)


def test_the_thanks_page_and_email_name_the_day_after_a_closure(
    client, django_capture_on_commit_callbacks, mailoutbox, time_machine
):
    time_machine.move_to(eastern("2026-11-26T10:00"), tick=False)  # Thanksgiving, a Thursday
    bowie = make_clinic(name="Bowie")
    make_special_hours(bowie, date(2026, 11, 27), note="Day after Thanksgiving")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/request-appointment/", form_data(clinic=bowie.pk))
    assertContains(client.get("/request-appointment/thanks/"), "by the end of Monday, November 30")
    run_worker()
    confirmation = next(m for m in mailoutbox if m.to == ["sam@example.com"])
    assert "by the end of Monday, November 30" in confirmation.body
