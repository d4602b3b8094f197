from collections import defaultdict
from datetime import time
from itertools import pairwise

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from locations.hours import format_clock, format_time, parse_clock
from locations.models import OpeningHours
from locations.nearest import find_place, parse_zip
from locations.phones import display_phone


class NearestClinicForm(forms.Form):
    zip = forms.CharField(
        label=_("Your ZIP code"),
        help_text=_("We’ll list our clinics by distance from it, for example 21114."),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
        ),
        error_messages={"required": _("Enter your ZIP code, for example 21114.")},
    )

    def clean_zip(self):
        zip_code = parse_zip(self.cleaned_data["zip"])
        if zip_code is None:
            raise ValidationError(_("Enter a 5-digit ZIP code, for example 21114."))
        place = find_place(zip_code)
        if place is None:
            raise ValidationError(
                gettext(
                    "We couldn’t find the ZIP code %(zip_code)s. Check it, or choose a clinic "
                    "below."
                )
                % {"zip_code": zip_code}
            )
        return place


class ClockInput(forms.TextInput):
    """A time box that shows '7:00 am' rather than '07:00:00'."""

    def __init__(self, attrs=None):
        super().__init__({"size": 9, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return format_clock(value) if isinstance(value, time) else super().format_value(value)


class PhoneInput(forms.TextInput):
    """A phone box that shows (410) 555-0142, as staff write it, not +14105550142 as stored."""

    input_type = "tel"

    def format_value(self, value):
        return display_phone(value) if value else super().format_value(value)


class ClockTimeField(forms.TimeField):
    """Opening and closing times as staff type them: '5 pm', '5:30 pm' or '17:00'."""

    widget = ClockInput
    default_error_messages = {"invalid": "Enter a time like 8 am, 5:30 pm or 17:00."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        parsed = parse_clock(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class OverlapCheckingFormSet(forms.BaseInlineFormSet):
    """Reject opening intervals of the same day that overlap (the admin's hours inlines)."""

    day_field: str  # the field that names the day: "weekday" or "date"

    def clean(self):
        super().clean()
        rows_by_day = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if (
                data
                and not data.get("DELETE")
                and not form.errors
                and data.get(self.day_field) is not None
            ):
                rows_by_day[data[self.day_field]].append(data)
        for day, rows in rows_by_day.items():
            self.check_day(day, rows)

    def check_day(self, day, rows):
        timed = sorted(
            (row for row in rows if row.get("opens") and row.get("closes")),
            key=lambda row: row["opens"],
        )
        for earlier, later in pairwise(timed):
            if later["opens"] < earlier["closes"]:
                raise ValidationError(
                    f"On {self.day_label(day)}, {_span(later)} overlaps {_span(earlier)}. "
                    "Change one of them so that they do not overlap."
                )

    def day_label(self, day) -> str:
        raise NotImplementedError


class WeeklyHoursFormSet(OverlapCheckingFormSet):
    day_field = "weekday"

    def day_label(self, weekday):
        return OpeningHours.Weekday(weekday).label


class SpecialHoursFormSet(OverlapCheckingFormSet):
    day_field = "date"

    def check_day(self, day, rows):
        if len(rows) > 1 and any(row.get("closed") for row in rows):
            raise ValidationError(
                f"{self.day_label(day)} is marked closed and also has opening times. "
                "Keep one or the other."
            )
        super().check_day(day, rows)

    def day_label(self, day):
        return format_date(day, "l, F j")


def _span(row) -> str:
    return f"{format_time(row['opens'])}–{format_time(row['closes'])}"
