from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q, StringAgg, Value
from django.utils import timezone

from core import images
from core.cached_lists import CachedList
from core.slug_urls import slug_url
from locations.hours import Interval, Schedule, day_label, format_time
from locations.phones import normalize_phone

# Special hours further ahead than this are kept but not yet shown to patients.
SPECIAL_HOURS_HORIZON = timedelta(days=60)
# Service names travel joined in one column (see ClinicQuerySet.for_pages); a name cannot contain
# a line break, so it is a safe separator.
SERVICE_SEPARATOR = "\n"


class Service(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text='e.g. "Vestibular therapy".')
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClinicQuerySet(models.QuerySet):
    def active(self):
        """Clinics shown to patients, in the order staff chose."""
        return self.filter(active=True)

    def for_pages(self, today: date | None = None):
        """Active clinics with all a page shows of them, in three queries whatever their number.

        One query for the clinics (service names folded in), one for weekly hours, one for
        upcoming special hours. The same list also fills the footer, so a clinics page stays
        within its budget of three queries.
        """
        today = today or timezone.localdate()
        return (
            self.active()
            .annotate(service_names=StringAgg("services__name", delimiter=Value(SERVICE_SEPARATOR)))
            # Meta.ordering is not applied to a query with an aggregate: say it again.
            .order_by("order", "name")
            .prefetch_related(
                "opening_hours",
                Prefetch(
                    "special_hours",
                    queryset=SpecialHours.objects.filter(
                        date__gte=today, date__lte=today + SPECIAL_HOURS_HORIZON
                    ),
                ),
            )
        )


class Clinic(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text='The town, e.g. "Bowie".')
    slug = models.SlugField(max_length=80, unique=True)
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2, default="MD")
    postal_code = models.CharField(max_length=10)
    phone = models.CharField(max_length=20, help_text="Any US format; stored as +1XXXXXXXXXX.")
    fax = models.CharField(max_length=20, blank=True, help_text="Optional; any US format.")
    notification_email = models.EmailField(
        help_text="Where new appointment requests for this clinic are announced."
    )
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, help_text="For distances and directions, e.g. 39.00420."
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, help_text="West is negative, e.g. -76.68610."
    )
    parking_notes = models.TextField(blank=True, help_text="Where to park.")
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free entrance, lift, accessible parking spaces."
    )
    services = models.ManyToManyField(Service, blank=True, related_name="clinics")
    front_desk = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="front_desk_clinics",
        limit_choices_to={"is_staff": True},
        verbose_name="front-desk staff",
        help_text="Staff who work this clinic's appointment requests (Front desk group).",
    )
    photo = images.PictureField(
        upload_to="clinics/",
        blank=True,
        description="photo_alt",
        noun="photo",
        description_message="Describe the photo in a few words, e.g. “Our Bowie entrance”.",
    )
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
        return slug_url("locations:detail", self.slug)

    @property
    def picture(self) -> images.Picture:
        return images.Picture.of(self, "photo", self.photo_alt)

    @property
    def card_picture(self) -> images.Picture:
        """On a card the name says which clinic it is: the photo is decorative there."""
        return images.Picture.of(self, "photo")

    def clean(self):
        super().clean()
        errors = {}
        for field in ("phone", "fax"):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, normalize_phone(value))
                except ValidationError as error:
                    errors[field] = error
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return f"{settings.SITE_SHORT_NAME} {self.name}"

    @property
    def one_line_address(self):
        return f"{self.street_address}, {self.city}, {self.state} {self.postal_code}"

    @property
    def directions_url(self):
        """A plain link that opens the phone's maps app: no embedded map, no third-party script."""
        query = urlencode({"api": 1, "destination": self.one_line_address})
        return f"https://www.google.com/maps/dir/?{query}"

    @property
    def service_list(self) -> list[str]:
        """Service names, from for_pages()'s annotation when present."""
        if hasattr(self, "service_names"):
            return sorted(filter(None, (self.service_names or "").split(SERVICE_SEPARATOR)))
        return [service.name for service in self.services.all()]

    @property
    def schedule(self) -> Schedule:
        # Uses the prefetched rows of for_pages(); cached per instance since pages ask often.
        if not hasattr(self, "_schedule"):
            self._schedule = Schedule(self.opening_hours.all(), self.special_hours.all())
        return self._schedule


# Every page's footer lists the clinics, and the home page shows whether each is open: the list
# carries their hours, so neither costs a query. apps.py empties it when a clinic, its hours or
# its special days change; open-or-closed is worked out from the hours at each request.
footer_clinics = CachedList("footer-clinics", lambda: Clinic.objects.for_pages())


def next_opening_change(now: datetime) -> datetime:
    """The next moment a page about clinics reads differently by itself: a clinic opens or
    closes, or the date turns ("opens tomorrow" becomes "opens at", today's row moves)."""
    midnight = timezone.make_aware(
        datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min)
    )
    changes = (clinic.schedule.next_change_after(now) for clinic in footer_clinics())
    return min([midnight, *filter(None, changes)])


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
        return f"{self.get_weekday_display()} {format_time(self.opens)}–{format_time(self.closes)}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class SpecialHours(models.Model):
    """A dated exception to the weekly hours: closed all day, or open at other times."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="special_hours")
    date = models.DateField()
    closed = models.BooleanField(default=False, help_text="Closed all day.")
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    note = models.CharField(
        max_length=80, blank=True, help_text='Shown to patients, e.g. "Thanksgiving".'
    )

    class Meta:
        ordering = ["date", "opens"]
        verbose_name_plural = "special hours"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(closed=True, opens__isnull=True, closes__isnull=True)
                    | Q(closed=False, closes__gt=F("opens"))
                ),
                name="special_hours_closed_or_valid_interval",
                violation_error_message=(
                    "Either tick “closed” and leave the times empty, or give an opening time "
                    "and a later closing time."
                ),
            ),
        ]

    def __str__(self):
        intervals = [] if self.closed else [Interval(self.opens, self.closes)]
        return day_label(self.date, intervals, self.note)

    def validate_constraints(self, exclude=None):
        # clean() explains this rule more precisely; the constraint still guards the database.
        exclude = {*(exclude or ()), "closed", "opens", "closes"}
        super().validate_constraints(exclude=exclude)

    def clean(self):
        super().clean()
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError(
                    "A closed day has no opening times: clear the times or untick “closed”."
                )
        elif not (self.opens and self.closes):
            raise ValidationError(
                "Give both an opening and a closing time, or tick “closed” for the whole day."
            )
        elif self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})
