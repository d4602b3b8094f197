"""'Open now · closes 7 pm' / 'Closed · opens Monday 7 am', at the edges that matter."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone

from locations.hours import Interval, Schedule, day_label
from locations.models import OpeningHours, SpecialHours

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def weekly(*rows):
    return [
        OpeningHours(weekday=day, opens=time.fromisoformat(o), closes=time.fromisoformat(c))
        for day, o, c in rows
    ]


def at(year, month, day, hour, minute=0):
    """A moment on the clinics' wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


def usual_week():
    """7 am to 7 pm with a lunch break on Wednesdays, Friday 8 am to 2 pm, Saturday mornings."""
    return weekly(
        *[(day, "07:00", "19:00") for day in (MON, TUE, THU)],
        (WED, "07:00", "12:00"),
        (WED, "13:00", "19:00"),
        (FRI, "08:00", "14:00"),
        (SAT, "09:00", "12:30"),
    )


# In November 2026, the 19th is a Thursday.
CLINIC = Schedule(usual_week(), [])


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (at(2026, 11, 19, 6, 59), "Closed · opens at 7 am"),
        (at(2026, 11, 19, 7, 0), "Open now · closes 7 pm"),  # the opening minute
        (at(2026, 11, 19, 18, 59), "Open now · closes 7 pm"),
        (at(2026, 11, 19, 19, 0), "Closed · opens tomorrow 8 am"),  # the closing minute
        (at(2026, 11, 18, 12, 30), "Closed · opens at 1 pm"),  # a split day's lunch break
        (at(2026, 11, 18, 13, 0), "Open now · closes 7 pm"),
        (at(2026, 11, 21, 12, 0), "Open now · closes 12:30 pm"),
        (at(2026, 11, 21, 12, 30), "Closed · opens Monday 7 am"),
        (at(2026, 11, 22, 23, 59), "Closed · opens tomorrow 7 am"),  # a minute before midnight
        (at(2026, 11, 23, 0, 0), "Closed · opens at 7 am"),  # midnight
    ],
)
def test_open_now_line_at_boundary_times(moment, label):
    assert CLINIC.status_at(moment).label == label


def test_open_now_uses_eastern_time_whatever_the_server_clock():
    # 23:30 UTC on a Thursday in November is 6:30 pm in Maryland: still open.
    assert CLINIC.status_at(datetime(2026, 11, 19, 23, 30, tzinfo=UTC)).is_open


@pytest.mark.parametrize(
    ("utc_moment", "is_open"),
    [
        # Spring forward, Sunday 2027-03-14: 12:30 UTC is 8:30 am EDT (UTC-4), not 7:30 am.
        (datetime(2027, 3, 14, 12, 30, tzinfo=UTC), True),
        (datetime(2027, 3, 14, 11, 30, tzinfo=UTC), False),
        # Fall back, Sunday 2026-11-01: 13:30 UTC is 8:30 am EST (UTC-5), not 9:30 am.
        (datetime(2026, 11, 1, 13, 30, tzinfo=UTC), True),
        (datetime(2026, 11, 1, 12, 30, tzinfo=UTC), False),
    ],
)
def test_open_now_is_right_on_daylight_saving_change_days(utc_moment, is_open):
    sunday_mornings = Schedule(weekly((SUN, "08:00", "12:00")), [])
    assert sunday_mornings.status_at(utc_moment).is_open is is_open


def test_holiday_closure_overrides_the_weekly_hours():
    thanksgiving = date(2026, 11, 26)
    schedule = Schedule(
        usual_week(), [SpecialHours(date=thanksgiving, closed=True, note="Thanksgiving")]
    )
    status = schedule.status_at(at(2026, 11, 26, 10))
    assert status.label == "Closed · opens tomorrow 8 am"
    assert schedule.intervals_on(thanksgiving) == ()


def test_special_opening_times_replace_the_day_s_usual_hours():
    christmas_eve = date(2026, 12, 24)
    schedule = Schedule(
        usual_week(),
        [
            SpecialHours(date=christmas_eve, opens=time(8), closes=time(12), note="Christmas Eve"),
        ],
    )
    assert schedule.status_at(at(2026, 12, 24, 11)).label == "Open now · closes 12 pm"
    assert schedule.status_at(at(2026, 12, 24, 7, 30)).label == "Closed · opens at 8 am"


def test_a_long_closure_names_the_date_it_reopens():
    schedule = Schedule(
        weekly((MON, "07:00", "19:00")),
        [SpecialHours(date=date(2026, 11, 30), closed=True)],
    )
    # Closed on Monday the 30th, so the next opening is Monday, December 7.
    assert schedule.status_at(at(2026, 11, 24, 9)).label == "Closed · opens Mon, Dec 7 7 am"


def test_a_clinic_without_hours_asks_patients_to_call():
    assert Schedule([], []).status_at(at(2026, 11, 24, 9)).label == "Closed · call for hours"


def test_special_days_are_written_the_same_way_everywhere():
    christmas_eve = day_label(date(2026, 12, 24), [Interval(time(8), time(12))], "Christmas Eve")
    assert christmas_eve == "Thu Dec 24: 8 am – 12 pm (Christmas Eve)"
    assert (
        day_label(date(2026, 12, 26), [], "staff training") == "Sat Dec 26: closed (staff training)"
    )


def test_week_starts_on_monday_and_marks_today_and_holidays():
    schedule = Schedule(
        usual_week(), [SpecialHours(date=date(2026, 11, 26), closed=True, note="Thanksgiving")]
    )
    week = schedule.week_of(date(2026, 11, 25))
    assert [day.date.day for day in week] == [23, 24, 25, 26, 27, 28, 29]
    assert [day.is_today for day in week] == [False, False, True, False, False, False, False]
    assert (week[3].intervals, week[3].note) == ((), "Thanksgiving")
    assert len(week[2].intervals) == 2  # Wednesday's split day
