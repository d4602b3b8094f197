from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command

from appointments.models import AppointmentRequest, MonthlyRequestCount
from appointments.retention import purge_old_requests
from tests.factories import make_clinic, make_request

pytestmark = pytest.mark.django_db


def test_old_requests_are_deleted_and_only_anonymous_monthly_counts_remain(
    settings, time_machine, capsys
):
    settings.APPOINTMENT_RETENTION_DAYS = 180
    bowie = make_clinic(name="Bowie")
    time_machine.move_to(datetime(2026, 3, 10, 15, tzinfo=UTC), tick=False)
    make_request(clinic=bowie)
    make_request(clinic=bowie)
    make_request(clinic=None)
    make_request(clinic=bowie, status="spam")
    time_machine.move_to(datetime(2026, 9, 1, 15, tzinfo=UTC), tick=False)
    recent = make_request(clinic=bowie)

    time_machine.move_to(datetime(2026, 9, 20, 15, tzinfo=UTC), tick=False)  # 194 days later
    call_command("purge_old_requests")
    report = capsys.readouterr().out
    assert "Deleted 4 requests received before March 24, 2026 (1 marked spam)" in report
    assert list(AppointmentRequest.objects.all()) == [recent]
    assert sorted(
        (c.clinic.name if c.clinic else "no preference", c.month, c.count)
        for c in MonthlyRequestCount.objects.all()
    ) == [("Bowie", date(2026, 3, 1), 2), ("no preference", date(2026, 3, 1), 1)]


def test_purging_again_adds_to_the_counts_and_deletes_nothing_recent(settings, time_machine):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    bowie = make_clinic(name="Bowie")
    time_machine.move_to(datetime(2026, 3, 2, 15, tzinfo=UTC), tick=False)
    make_request(clinic=bowie)
    time_machine.shift(timedelta(days=31))
    assert purge_old_requests().summary.startswith("Deleted 1 request ")
    time_machine.move_to(datetime(2026, 3, 20, 15, tzinfo=UTC), tick=False)
    make_request(clinic=bowie)
    time_machine.shift(timedelta(days=5))
    assert purge_old_requests().summary.startswith("Deleted 0 requests")
    time_machine.shift(timedelta(days=30))
    purge_old_requests()
    assert MonthlyRequestCount.objects.get(clinic=bowie, month=date(2026, 3, 1)).count == 2
    assert not AppointmentRequest.objects.exists()
