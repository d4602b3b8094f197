"""The staff dashboard: each figure scoped to the person's clinics, the business-day overdue rule
with closures, the weekly chart (purged weeks from the monthly counts), contact times from the
status history, the articles that bring requests, editors' lists, and a fixed query count."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from appointments.models import AppointmentRequest, MonthlyRequestCount, StatusChange
from dashboard.figures import dashboard
from tests.factories import (
    make_article,
    make_clinic,
    make_request,
    make_special_hours,
    make_staff,
    sign_in_staff,
)

pytestmark = pytest.mark.django_db
Status = AppointmentRequest.Status


def at(day: date, hour=10) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


@pytest.fixture
def clinics():
    return make_clinic(name="Bowie", slug="bowie"), make_clinic(name="Crofton", slug="crofton")


def contacted(request, after_hours):
    StatusChange.objects.create(
        request=request,
        status=Status.CONTACTED,
        at=request.created_at + timedelta(hours=after_hours),
    )


def test_front_desk_sees_only_its_clinics_and_requests_without_one(clinics, time_machine):
    bowie, crofton = clinics
    time_machine.move_to(at(date(2026, 12, 9)), tick=False)  # a Wednesday
    for clinic, hours in ((bowie, 2), (crofton, 5), (None, 8)):
        request = make_request(
            clinic=clinic, created_at=timezone.now() - timedelta(days=1), status=Status.CONTACTED
        )
        contacted(request, hours)
    make_request(clinic=crofton, source="/articles/crofton-news/")
    make_article(slug="crofton-news")
    desk = make_staff("bowie-desk", "Front desk", [bowie])
    mine = dashboard(desk)
    assert mine["articles_leading"] == []  # the request it led to is Crofton's
    assert mine["queue"] == []  # Crofton's new request is not this desk's
    assert [s.name for s in mine["chart"].series] == ["Bowie", "No preference"]
    assert sum(mine["chart"].totals) == 2
    assert [row["clinic"] for row in mine["contact_times"]] == ["Bowie", "No preference"]
    everyone = dashboard(make_staff("manager", "Practice managers"))
    assert [item["clinic"] for item in everyone["queue"]] == ["Crofton"]
    assert [item["requests"] for item in everyone["articles_leading"]] == [1]
    assert sum(everyone["chart"].totals) == 4
    assert [row["clinic"] for row in everyone["contact_times"]] == [
        "Bowie",
        "Crofton",
        "No preference",
    ]


@pytest.mark.parametrize(
    ("now", "closed_monday", "late"),
    [
        (date(2026, 12, 7), False, False),  # Friday's request on Monday morning
        (date(2026, 12, 8), False, True),  # on Tuesday
        (date(2026, 12, 8), True, False),  # Monday was a closure: Tuesday is the day
        (date(2026, 12, 9), True, True),
    ],
)
def test_a_request_is_overdue_after_its_clinics_next_business_day(
    clinics, time_machine, now, closed_monday, late
):
    bowie, _ = clinics
    if closed_monday:
        make_special_hours(bowie, date(2026, 12, 7), note="Staff training")
    make_request(clinic=bowie, created_at=at(date(2026, 12, 4), 16))  # Friday 4 pm
    time_machine.move_to(at(now, 9), tick=False)
    result = dashboard(make_staff("manager", "Practice managers"))
    assert [item["late"] for item in result["queue"]] == [late]
    assert result["late_count"] == int(late)


def test_the_chart_counts_each_week_and_keeps_purged_weeks_from_monthly_counts(
    clinics, time_machine, settings
):
    bowie, crofton = clinics
    time_machine.move_to(at(date(2026, 12, 9)), tick=False)
    settings.APPOINTMENT_RETENTION_DAYS = 30  # everything before Nov 9 has been purged
    make_request(clinic=bowie, created_at=at(date(2026, 12, 8)))
    make_request(clinic=bowie, created_at=at(date(2026, 12, 7)))
    make_request(clinic=crofton, created_at=at(date(2026, 11, 30)))
    make_request(clinic=crofton, created_at=at(date(2026, 12, 1)), status=Status.SPAM)
    MonthlyRequestCount.objects.create(clinic=bowie, month=date(2026, 10, 1), count=31)
    chart = dashboard(make_staff("manager", "Practice managers"))["chart"]
    assert chart.weeks[-1] == date(2026, 12, 7) and len(chart.weeks) == 12
    bowie_counts, crofton_counts = (s.counts for s in chart.series)
    assert bowie_counts[-1] == 2 and crofton_counts[-2] == 1  # spam is not counted
    # October's 31 requests, one a day, spread over the weeks it covers (from Sep 21 on).
    first = chart.weeks[0]
    october = [
        i
        for i, w in enumerate(chart.weeks)
        if date(2026, 10, 1) <= w + timedelta(6) and w <= date(2026, 10, 31)
    ]
    assert sum(bowie_counts[i] for i in october) == 31
    assert set(october) <= chart.estimated
    assert first == date(2026, 9, 21)


def test_contact_times_are_the_median_and_90th_percentile_hours(clinics, time_machine):
    bowie, _ = clinics
    time_machine.move_to(at(date(2026, 12, 9)), tick=False)
    for hours in (2, 4, 30):
        contacted(make_request(clinic=bowie, created_at=timezone.now() - timedelta(days=3)), hours)
    make_request(clinic=bowie, created_at=timezone.now() - timedelta(days=40))  # too old
    make_request(clinic=bowie)  # not contacted yet
    [row] = dashboard(make_staff("manager", "Practice managers"))["contact_times"]
    assert (row["median"], row["p90"], row["contacted"], row["waiting"]) == (4, 30, 3, 1)


def test_articles_that_led_to_requests_are_counted_and_linked(clinics, client):
    article = make_article(title="Physical therapy for sciatica", slug="sciatica")
    for _ in range(3):
        make_request(clinic=clinics[0], source="/articles/sciatica/")
    make_request(clinic=clinics[0], source="/locations/bowie/")
    sign_in_staff(client, make_staff("manager", "Practice managers"))
    response = client.get("/admin/")
    assertContains(
        response,
        f'<a href="{article.get_absolute_url()}">Physical therapy for sciatica</a>: 3 requests',
        html=True,
    )


def test_editors_see_their_lists_and_no_requests(client):
    make_article(title="Coming soon", publish_at=timezone.now() + timedelta(days=5))
    make_article(title="Old advice", last_reviewed=date(2020, 1, 1))
    make_request()
    sign_in_staff(client, make_staff("editor", "Editors"))
    response = client.get("/admin/")
    assertContains(response, "Articles going out in the next 30 days")
    assertContains(response, "Coming soon")
    assertContains(response, "Old advice")
    assertNotContains(response, "Request queue")


def test_the_dashboard_never_shows_a_patients_details(clinics, client):
    make_request(
        clinic=clinics[0],
        first_name="Annabel",
        last_name="Quist",
        phone="+14105550163",
        note="left knee since March",
    )
    sign_in_staff(client, make_staff("manager", "Practice managers"))
    html = client.get("/admin/").content.decode()
    assert "Request queue" in html
    for private in ("Annabel", "Quist", "555-0163", "5550163", "left knee"):
        assert private not in html


def test_a_status_change_in_the_admin_is_recorded(clinics, client):
    request = make_request(clinic=clinics[0])
    manager = make_staff("manager", "Practice managers")
    sign_in_staff(client, manager)
    client.post(
        f"/admin/appointments/appointmentrequest/{request.pk}/change/",
        {"status": "contacted", "clinic": clinics[0].pk, "assignee": "", "staff_notes": ""},
    )
    [change] = StatusChange.objects.filter(request=request)
    assert (change.status, change.by) == ("contacted", manager)


def test_the_dashboard_makes_a_fixed_number_of_queries(
    clinics, django_assert_max_num_queries, time_machine
):
    time_machine.move_to(at(date(2026, 12, 9)), tick=False)
    manager = make_staff("manager", "Practice managers")
    manager.is_superuser = True  # every section, editors' too
    manager.save()
    make_article(slug="sciatica")

    def requests(n):
        rows = [
            AppointmentRequest(
                first_name="A",
                last_name="B",
                phone="+14105550100",
                patient_type="new",
                consent=True,
                clinic=clinics[n % 2],
                source="/articles/sciatica/",
                status=Status.NEW if n % 3 else Status.CONTACTED,
                created_at=timezone.now() - timedelta(hours=n % 2000),
            )
            for n in range(n)
        ]
        created = AppointmentRequest.objects.bulk_create(rows)
        StatusChange.objects.bulk_create(
            StatusChange(request=r, status=Status.CONTACTED, at=r.created_at + timedelta(hours=3))
            for r in created
            if r.status == Status.CONTACTED
        )

    requests(10)
    with django_assert_max_num_queries(11) as few:
        dashboard(manager)
    requests(10_000)
    with django_assert_max_num_queries(11) as many:
        result = dashboard(manager)
    assert len(many.captured_queries) == len(few.captured_queries) == 11
    assert result["new_count"] > 6000 and len(result["queue"]) == 15
