"""Business days (Monday to Friday) in the clinics' time zone: when patients hear back."""

from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from django.db.models import Count
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
    ahead = SpecialHours.objects.filter(
        closed=True, date__gt=received, date__lte=received + LOOKAHEAD
    )
    if clinic:
        closed = set(ahead.filter(clinic=clinic).values_list("date", flat=True))
    else:
        clinics = Clinic.objects.active().count()
        closed = {
            row["date"]
            for row in ahead.filter(clinic__active=True).values("date").annotate(n=Count("clinic"))
            if row["n"] >= clinics
        }
    return next_business_day(received, closed)


def one_business_day_before(moment: datetime) -> datetime:
    """The moment one business day earlier: a new request older than this is overdue.

    Monday 10 am gives Friday 10 am. Weekends do not count, so on a Saturday or Sunday the
    business clock stands at the end of Friday, and the answer is the end of Thursday.
    """
    local = timezone.localtime(moment)
    if local.weekday() > FRIDAY:
        friday = local.date() - timedelta(days=local.weekday() - FRIDAY)
        local = datetime.combine(friday, time.max, tzinfo=timezone.get_default_timezone())
    day = local.date() - timedelta(days=1)
    while day.weekday() > FRIDAY:
        day -= timedelta(days=1)
    return datetime.combine(day, local.time(), tzinfo=timezone.get_default_timezone())
