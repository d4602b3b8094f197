"""When a new request becomes overdue: one business day, weekends not counted, on Eastern time."""

from datetime import UTC, datetime

import pytest

from appointments.business_days import next_business_day, one_business_day_before
from tests.factories import make_request

pytestmark = pytest.mark.django_db


def eastern(text: str) -> datetime:
    return datetime.fromisoformat(text + "-05:00")  # November: Eastern Standard Time


@pytest.mark.parametrize(
    ("now", "created", "overdue"),
    [
        ("2026-11-23T10:00", "2026-11-20T09:00", True),  # Monday 10 am: Friday 9 am is late
        ("2026-11-23T10:00", "2026-11-20T11:00", False),  # ...Friday 11 am is not yet
        ("2026-11-21T12:00", "2026-11-19T22:00", True),  # Saturday: Thursday night is late
        ("2026-11-22T12:00", "2026-11-20T08:00", False),  # Sunday: Friday's are not
        # 23:30 Eastern is already the next day in UTC: the business day is still Eastern.
        ("2026-11-24T23:30", "2026-11-23T23:00", True),
        ("2026-11-24T23:30", "2026-11-24T00:30", False),
    ],
)
def test_a_new_request_is_overdue_after_one_business_day(now, created, overdue):
    request = make_request(created_at=eastern(created))
    assert request.is_overdue(now=eastern(now)) is overdue
    assert (request in type(request).objects.overdue(now=eastern(now))) is overdue


def test_on_a_weekend_the_business_clock_stands_at_the_end_of_friday():
    saturday_noon = eastern("2026-11-21T12:00")
    assert one_business_day_before(saturday_noon).astimezone(UTC) == datetime(
        2026, 11, 20, 4, 59, 59, 999999, tzinfo=UTC
    )  # the end of Thursday, Eastern


def test_the_patient_hears_back_by_the_next_business_day():
    assert next_business_day(eastern("2026-11-20T10:00").date()).isoformat() == "2026-11-23"
    assert next_business_day(eastern("2026-11-24T10:00").date()).isoformat() == "2026-11-25"
