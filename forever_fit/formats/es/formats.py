"""Spanish as US Spanish speakers read it on our pages: Django's `es` formats use 24-hour times,
but the clinics' hours are written "9:00 a. m." (the catalogue spells Django's "a.m." that
way). Dates keep Django's Spanish order: "7 de diciembre de 2026"."""

from django.utils.translation import gettext_noop

DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "d/m/Y"
# The clinics' week, as on the English pages: Sunday first in US calendars.
FIRST_DAY_OF_WEEK = 0

# Django's own catalogue writes "a.m."; ours gives the US Spanish spelling, "a. m." (marked here
# so that the catalogue keeps the entry).
gettext_noop("a.m.")
gettext_noop("p.m.")
