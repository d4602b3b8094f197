from urllib.parse import urlencode

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from locations.phones import normalize_phone


class ClinicQuerySet(models.QuerySet):
    def active(self):
        """Clinics shown to patients, in the order staff chose."""
        return self.filter(active=True)


class Clinic(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text='The town, e.g. "Bowie".')
    slug = models.SlugField(max_length=80, unique=True)
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2, default="MD")
    postal_code = models.CharField(max_length=10)
    phone = models.CharField(max_length=20, help_text="Stored as +1XXXXXXXXXX.")
    notification_email = models.EmailField(
        help_text="Where new appointment requests for this clinic are announced."
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    parking_notes = models.TextField(blank=True, help_text="Parking and accessible entrance.")
    active = models.BooleanField(
        default=True, help_text="Inactive clinics are hidden from patients."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    objects = ClinicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.phone:
            self.phone = normalize_phone(self.phone)

    @property
    def display_name(self):
        return f"Forever Fit {self.name}"

    def weekly_hours(self):
        """Return Monday to Sunday, each with its opening intervals (none: closed)."""
        by_day = {day: [] for day in OpeningHours.Weekday}
        for interval in self.opening_hours.all():  # prefetched by the views
            by_day[interval.weekday].append(interval)
        return [{"name": day.label, "intervals": by_day[day]} for day in OpeningHours.Weekday]

    @property
    def one_line_address(self):
        return f"{self.street_address}, {self.city}, {self.state} {self.postal_code}"

    @property
    def directions_url(self):
        """A plain link that opens the phone's maps app: no embedded map, no third-party script."""
        query = urlencode({"api": 1, "destination": self.one_line_address})
        return f"https://www.google.com/maps/dir/?{query}"


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        # Python's date.weekday() numbering, so today's row is a direct lookup.
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message="Closing time must be after opening time.",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
