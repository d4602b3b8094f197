"""Business days (Monday to Friday) in the clinics' time zone: when patients hear back."""

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.utils import timezone

from locations.models import Clinic, SpecialHours

FRIDAY = 4
# Closures further ahead than this cannot move the next business day.
LOOKAHEAD = timedelta(days=21)


def next_business_day(day: date, closed: Collection[date] = ()) -> date:
    """The first weekday after the given day that is not one of the closed dates."""
    day += timedelta(days=1)
    while day.weekday() > FRIDAY or day in closed:
        day += timedelta(days=1)
    return day


def contact_deadline(clinic: Clinic | None, received: date) -> date:
    """The day by whose end the front desk contacts the patient: the next business day of the
    chosen clinic (its holiday closures skipped), or, without a clinic, the next one on which
    not every clinic is closed."""
    closures = closures_between(received + timedelta(days=1), received + LOOKAHEAD)
    clinics = Clinic.objects.active().count() if clinic is None else 0
    return deadline_for(received, clinic.pk if clinic else None, closures, clinics)


def closures_between(since: date, until: date) -> dict[int, set[date]]:
    """Each clinic's closed days in a date range (one query)."""
    closures: dict[int, set[date]] = {}
    rows = SpecialHours.objects.filter(
        closed=True, date__gte=since, date__lte=until, clinic__active=True
    )
    for clinic_id, day in rows.values_list("clinic_id", "date"):
        closures.setdefault(clinic_id, set()).add(day)
    return closures


def deadline_for(received: date, clinic_id, closures: dict[int, set[date]], clinics: int) -> date:
    """contact_deadline() from closures already read: the clinic's next business day after
    `received`, its closures skipped; without a clinic, the next day not all `clinics` close."""
    if clinic_id is not None:
        return next_business_day(received, closures.get(clinic_id, set()))
    closed_count: dict[date, int] = {}
    for dates in closures.values():
        for day in dates:
            closed_count[day] = closed_count.get(day, 0) + 1
    return next_business_day(received, {day for day, n in closed_count.items() if n >= clinics})


class Deadline(NamedTuple):
    number: int
    clinic_id: int | None
    received: datetime
    deadline: date  # the contact-by date
    language: str  # of the form the patient sent: a Spanish speaker should call back


def deadlines(new_requests, now: datetime | None = None) -> list[Deadline]:
    """The contact-by dates of new requests, oldest first, in three queries however many there
    are. Overdue means today is past the contact-by date: a Friday request is due Monday, overdue
    Tuesday; a Monday closure makes that Wednesday."""
    today = timezone.localdate(now)
    rows = list(
        new_requests.order_by("created_at").values_list("pk", "clinic_id", "created_at", "language")
    )
    if not rows:
        return []
    closures = closures_between(timezone.localdate(rows[0][2]), today + LOOKAHEAD)
    clinics = Clinic.objects.active().count()
    return [
        Deadline(
            pk,
            clinic_id,
            created,
            deadline_for(timezone.localdate(created), clinic_id, closures, clinics),
            language,
        )
        for pk, clinic_id, created, language in rows
    ]


def due_dates(new_requests, now: datetime | None = None) -> list[tuple[int, date]]:
    """(number, contact-by date) of new requests, as deadlines() works them out."""
    return [(row.number, row.deadline) for row in deadlines(new_requests, now)]


def overdue_numbers(new_requests, now: datetime | None = None) -> set[int]:
    today = timezone.localdate(now)
    return {row.number for row in deadlines(new_requests, now) if today > row.deadline}
