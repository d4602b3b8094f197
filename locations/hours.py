"""When a clinic is open: weekly hours with dated exceptions, always in the clinics' time zone.

Everything works on wall-clock times of settings.TIME_ZONE (America/New_York): "opens at 7:00"
means 7:00 on the clinic's clock on that date, whatever the UTC offset is that day, so
daylight-saving changes need no special case.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.formats import time_format
from django.utils.translation import gettext, pgettext

# How far ahead "opens ..." looks before saying to call.
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True, order=True)
class Interval:
    opens: time
    closes: time


@dataclass(frozen=True)
class Day:
    """One calendar day of a clinic's week as patients see it."""

    date: date
    intervals: tuple[Interval, ...]
    note: str  # the special hours' note ("Thanksgiving"), empty on an ordinary day

    @property
    def label(self) -> str:
        """'Thu Dec 24: 8 am – 12 pm (Christmas Eve)' or 'Sat Dec 26: closed (staff training)'."""
        return day_label(self.date, self.intervals, self.note)

    is_today: bool


@dataclass(frozen=True)
class Status:
    """Open now or not, and when that changes."""

    is_open: bool
    closes_at: time | None = None  # when open
    opens_on: date | None = None  # when closed and an opening lies ahead
    opens_at: time | None = None
    today: date | None = None

    @property
    def label(self) -> str:
        """'Open now · closes 7 pm' or 'Closed · opens tomorrow 7 am', on every page."""
        if self.is_open:
            return gettext("Open now · closes %(time)s") % {"time": format_time(self.closes_at)}
        return gettext("Closed · %(next_opening)s") % {"next_opening": self._next_opening()}

    def _next_opening(self) -> str:
        if self.opens_on is None:
            return gettext("call for hours")
        days_ahead = (self.opens_on - self.today).days
        when = {"time": format_time(self.opens_at)}
        if days_ahead == 0:
            return gettext("opens at %(time)s") % when
        if days_ahead == 1:
            return gettext("opens tomorrow %(time)s") % when
        # Translators: Django date formats (docs.djangoproject.com: the "date" template filter).
        if days_ahead < 7:
            day = pgettext("a date format: a weekday", "l")
        else:
            day = pgettext("a date format: Mon, Dec 7", "D, M j")
        return gettext("opens %(day)s %(time)s") % {"day": format_date(self.opens_on, day), **when}


CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?\s*(?:(?P<half>[ap])\.?\s*m?\.?)?$"
)


def parse_clock(text: str) -> time | None:
    """Read a time as people type it: '5 pm', '5:30pm', '5:30 p.m.', '17:00', '17:00:00'."""
    match = CLOCK.match(text.strip().lower())
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "p" else 0)
    elif match["minute"] is None:
        return None  # a bare "5" could be morning or evening
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def format_clock(value: time) -> str:
    """'7:00 am', '12:30 pm': a time in a form field, with its minutes."""
    return f"{value.hour % 12 or 12}:{value.minute:02} {'am' if value.hour < 12 else 'pm'}"


def day_label(day: date, intervals, note: str = "") -> str:
    """A dated day's hours as the site writes them everywhere (see Day.label)."""
    hours = ", ".join(f"{format_time(i.opens)} – {format_time(i.closes)}" for i in intervals)
    day_format = pgettext("a date format: Mon Dec 7", "D M j")
    label = f"{format_date(day, day_format)}: {hours or gettext('closed')}"
    return label + (f" ({note})" if note else "")


def format_time(value: time) -> str:
    """'7 am', '7:30 pm', '12 pm': how the clinics write times in English. Other languages take
    their format module's TIME_FORMAT (Spanish: '7:00 a. m.')."""
    if translation.get_language() != settings.LANGUAGE_CODE:
        return time_format(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour} {suffix}" if value.minute == 0 else f"{hour}:{value.minute:02} {suffix}"


class Schedule:
    """A clinic's opening times, from its weekly hours and its special hours."""

    def __init__(self, weekly_hours, special_hours):
        self._weekly = defaultdict(list)
        for row in weekly_hours:
            self._weekly[row.weekday].append(Interval(row.opens, row.closes))
        self._special = defaultdict(list)
        for row in special_hours:
            self._special[row.date].append(row)

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The opening intervals of a date: its special hours if it has any, else the weekly."""
        if special := self._special.get(day):
            if any(row.closed for row in special):
                return ()
            return tuple(sorted(Interval(row.opens, row.closes) for row in special))
        return tuple(sorted(self._weekly.get(day.weekday(), ())))

    def status_at(self, moment: datetime | None = None) -> Status:
        """Whether the clinic is open at a moment (default: now), and when that changes."""
        local = timezone.localtime(moment or timezone.now())
        today, now = local.date(), local.time()
        for interval in self.intervals_on(today):
            if interval.opens <= now < interval.closes:
                return Status(is_open=True, closes_at=interval.closes, today=today)
        for days_ahead in range(LOOKAHEAD_DAYS + 1):
            day = today + timedelta(days=days_ahead)
            for interval in self.intervals_on(day):
                if days_ahead > 0 or interval.opens > now:
                    return Status(is_open=False, opens_on=day, opens_at=interval.opens, today=today)
        return Status(is_open=False, today=today)

    def next_change_after(self, moment: datetime) -> datetime | None:
        """When the clinic next opens or closes after this moment (None: not in two weeks)."""
        status = self.status_at(moment)
        if status.is_open:
            when = datetime.combine(status.today, status.closes_at)
        elif status.opens_on is not None:
            when = datetime.combine(status.opens_on, status.opens_at)
        else:
            return None
        return timezone.make_aware(when)

    def week_of(self, today: date) -> list[Day]:
        """Monday to Sunday of the week containing today, with special hours applied."""
        monday = today - timedelta(days=today.weekday())
        return [self._day(monday + timedelta(days=n), today) for n in range(7)]

    def upcoming_special_days(self, today: date) -> list[Day]:
        """Dates from today on whose hours differ from the usual week, soonest first."""
        return [self._day(day, today) for day in sorted(self._special) if day >= today]

    def _day(self, day: date, today: date) -> Day:
        special = self._special.get(day, [])
        return Day(
            date=day,
            intervals=self.intervals_on(day),
            note=next((row.note for row in special if row.note), ""),
            is_today=day == today,
        )
