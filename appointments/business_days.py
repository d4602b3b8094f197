"""Business days (Monday to Friday) in the clinics' time zone: when patients hear back."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

FRIDAY = 4


def next_business_day(day: date) -> date:
    """The first weekday after the given day."""
    day += timedelta(days=1)
    while day.weekday() > FRIDAY:
        day += timedelta(days=1)
    return day


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
