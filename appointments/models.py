from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from appointments.business_days import overdue_numbers
from articles.models import Topic
from locations.models import Clinic


def clinics_worked_by(user: AbstractBaseUser) -> models.QuerySet[Clinic]:
    """The clinics whose requests this person works: every clinic (active or not) for practice
    managers, their own for front desk, none for staff without access to requests.

    The one rule of who sees which request: the admin's list, its clinic choices, the CSV
    export and the dashboard all go through it (and `for_staff`).
    """
    if not user.has_perm("appointments.view_appointmentrequest"):
        return Clinic.objects.none()
    if user.has_perm("appointments.view_all_requests"):
        return Clinic.objects.all()
    return Clinic.objects.filter(front_desk=user)


class AppointmentRequestQuerySet(models.QuerySet):
    def for_staff(self, user: AbstractBaseUser):
        """Requests a staff member may see: those of the clinics they work, and those without a
        preferred clinic (any clinic may take them); none without access to requests."""
        if not user.has_perm("appointments.view_appointmentrequest"):
            return self.none()
        if user.has_perm("appointments.view_all_requests"):
            return self
        return self.filter(Q(clinic__in=clinics_worked_by(user)) | Q(clinic__isnull=True))

    def change_status(self, status: str, *, by: AbstractBaseUser | None) -> int:
        """Move these requests to `status`, each with its row of status history: the only way a
        status changes, so the dashboard's contact times count every change. Returns how many
        moved (those already there are left alone)."""
        with transaction.atomic():
            moving = list(self.exclude(status=status).values_list("pk", flat=True))
            now = timezone.now()
            AppointmentRequest.objects.filter(pk__in=moving).update(status=status, updated_at=now)
            StatusChange.objects.bulk_create(
                StatusChange(request_id=pk, status=status, at=now, by=by) for pk in moving
            )
        return len(moving)

    def awaiting_notification(self):
        """Genuine requests whose clinic has not been told yet."""
        return self.filter(notified_at__isnull=True).exclude(status=AppointmentRequest.Status.SPAM)

    def notification_stuck(self, now: datetime | None = None):
        """Genuine requests whose clinic should have been told by now, and was not."""
        return self.awaiting_notification().filter(created_at__lt=stuck_before(now))

    def owing_email(self):
        """Genuine requests that still owe an email: the clinic's, or the patient's confirmation."""
        return self.exclude(status=AppointmentRequest.Status.SPAM).filter(
            Q(notified_at__isnull=True) | (~Q(email="") & Q(confirmation_sent_at__isnull=True))
        )

    def waiting_to_retry(self, now: datetime | None = None):
        """Requests whose last try failed, waiting on their backoff time (held by no worker)."""
        now = now or timezone.now()
        return self.owing_email().filter(
            notify_after__gt=now, claimed_by="", notification_attempts__gt=0
        )

    def due_for_delivery(self, now: datetime | None = None):
        """Requests owing an email that no worker holds and whose retry time has come."""
        now = now or timezone.now()
        return self.owing_email().filter(Q(notify_after__isnull=True) | Q(notify_after__lte=now))

    def overdue(self, now: datetime | None = None):
        """New requests whose contact-by day (the patient was told it) has passed."""
        new = self.filter(status=AppointmentRequest.Status.NEW)
        return self.filter(pk__in=overdue_numbers(new, now))


SOMETHING_ELSE = _("Something else")
NO_PREFERENCE = _("No preference")


def stuck_before(now: datetime | None = None) -> datetime:
    """A request still not announced to its clinic after this moment is stuck."""
    minutes = settings.APPOINTMENT_NOTIFICATION_STUCK_MINUTES
    return (now or timezone.now()) - timedelta(minutes=minutes)


class AppointmentRequest(models.Model):
    """A patient's request to be called back and booked: health information, kept in here only."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    class PatientType(models.TextChoices):
        NEW = "new", _("New patient")
        RETURNING = "returning", _("Returning patient")

    class Referral(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SURE = "not-sure", _("Not sure")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class InsuranceAnswer(models.TextChoices):
        PLAN = "plan", "A plan from our list"
        OTHER = "other", "Other"
        SELF_PAY = "self-pay", "Will pay themselves"
        NOT_SURE = "not-sure", "Not sure"

    class Day(models.TextChoices):
        MONDAY = "mon", pgettext_lazy("a day of the week to come in", "Monday")
        TUESDAY = "tue", pgettext_lazy("a day of the week to come in", "Tuesday")
        WEDNESDAY = "wed", pgettext_lazy("a day of the week to come in", "Wednesday")
        THURSDAY = "thu", pgettext_lazy("a day of the week to come in", "Thursday")
        FRIDAY = "fri", pgettext_lazy("a day of the week to come in", "Friday")
        SATURDAY = "sat", pgettext_lazy("a day of the week to come in", "Saturday")

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    # The patient
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    phone = models.CharField(max_length=20, blank=True, help_text="Stored as +1XXXXXXXXXX.")
    email = models.EmailField(blank=True)
    contact_method = models.CharField(
        "preferred contact", max_length=10, choices=ContactMethod, default=ContactMethod.PHONE
    )
    # The visit
    clinic = models.ForeignKey(
        Clinic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_requests",
        help_text="Empty when the patient has no preference.",
    )
    # The reasons patients choose from are the article topics (each with its wording for the
    # form), so a new topic is a new reason and an article's link can preselect its own.
    reason = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_requests",
        help_text="Empty when the patient chose “something else”.",
    )
    note = models.TextField(max_length=500, blank=True)
    patient_type = models.CharField(max_length=10, choices=PatientType)
    referral = models.CharField("physician referral", max_length=10, choices=Referral, blank=True)
    # The insurance answer: a plan of our list (its name kept in `insurance` too, so a plan
    # deleted later still reads), or "other" with the patient's own words, self-pay, not sure.
    # Requests from before the list have their free text as "other".
    insurance_answer = models.CharField(
        "insurance", max_length=10, choices=InsuranceAnswer, blank=True
    )
    insurance_plan = models.ForeignKey(
        "insurance.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    insurance = models.CharField(
        "insurance in words",
        max_length=100,
        blank=True,
        help_text="The plan, as chosen or written.",
    )
    clinician = models.ForeignKey(
        "team.Clinician",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="preferred therapist",
    )
    preferred_days = models.JSONField(default=list, blank=True)
    preferred_times = models.JSONField(default=list, blank=True)
    consent = models.BooleanField()
    source = models.CharField(
        max_length=200, blank=True, help_text="The page the patient came from."
    )
    # The language of the form the patient filled in: their confirmation email is written in it,
    # and staff see who would rather be called back in Spanish.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", editable=False
    )
    # Random, one per form shown: the same form sent twice (a retry by the proxy after an app
    # host died, a patient pressing Send again after an error) is one request.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    # The staff's work
    status = models.CharField(max_length=12, choices=Status, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        limit_choices_to={"is_staff": True},
    )
    staff_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Notifications (appointments/notifications.py): the clinic's email, and the patient's
    # confirmation when they gave an address. notify_after is both the retry time and the lease
    # a worker holds while it sends.
    notified_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    notify_after = models.DateTimeField(null=True, blank=True)
    # The task worker holding the request while it sends (core/task_worker.py): when that worker
    # is gone, another takes the request back at once instead of waiting for the lease to end.
    claimed_by = models.CharField(max_length=64, blank=True, db_index=True)
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_error = models.CharField(
        max_length=100, blank=True, help_text="The last error's kind; never message contents."
    )

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="request_has_consent"),
            models.CheckConstraint(
                condition=~Q(phone="", email=""), name="request_has_phone_or_email"
            ),
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~Q(submission_key=""),
                name="one_request_per_submission",
            ),
        ]
        permissions = [
            ("view_all_requests", "Can see the requests of every clinic"),
            ("export_appointmentrequest", "Can export appointment requests as CSV"),
        ]

    def __str__(self):
        # The number only: this string is kept in admin history, which outlives the request.
        return f"Request #{self.pk}"

    def get_admin_url(self):
        return reverse("admin:appointments_appointmentrequest_change", args=[self.pk])

    @property
    def clinic_name(self) -> str:
        return self.clinic.name if self.clinic else NO_PREFERENCE

    @property
    def reason_label(self) -> str:
        return self.reason.reason_label if self.reason else SOMETHING_ELSE

    @property
    def insurance_summary(self) -> str:
        """The insurance answer as staff read it: "Aetna", "Other: <their words>", "Not sure"."""
        answer = self.InsuranceAnswer
        if self.insurance_answer == answer.PLAN:
            return self.insurance
        if self.insurance_answer == answer.OTHER:
            return f"Other: {self.insurance}" if self.insurance else "Other"
        return self.get_insurance_answer_display()

    def is_notification_stuck(self, now: datetime | None = None) -> bool:
        return (
            self.status != self.Status.SPAM
            and self.notified_at is None
            and self.created_at < stuck_before(now)
        )


class StatusChange(models.Model):
    """A request's status history: when it moved from new to contacted (and on), and who moved
    it. Deleted with the request, so it holds nothing past the retention period."""

    request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(max_length=12, choices=AppointmentRequest.Status)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["status", "at"])]

    def __str__(self):
        return f"#{self.request_id} {self.get_status_display().lower()}"


class RequestAccess(models.Model):
    """Who looked at or exported which request, when: the audit trail managers review."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CHANGED = "changed", "Changed"
        EXPORTED = "exported", "Exported"
        DELETED = "deleted", "Deleted"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    # A number, not a foreign key: the record must outlive the request it describes.
    request_number = models.PositiveBigIntegerField(db_index=True)
    clinic = models.ForeignKey(Clinic, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "request access record"
        verbose_name_plural = "request access records"

    def __str__(self):
        return f"{self.user} {self.get_action_display().lower()} request #{self.request_number}"


class MonthlyRequestCount(models.Model):
    """Anonymous counts that remain after old requests are deleted (see purge_old_requests)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.SET_NULL, null=True, blank=True)
    month = models.DateField(help_text="The first day of the month.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "clinic"]
        constraints = [
            # Two conditional constraints, since SQLite cannot treat NULLs as equal.
            models.UniqueConstraint(
                fields=["clinic", "month"],
                condition=Q(clinic__isnull=False),
                name="one_count_per_clinic_and_month",
            ),
            models.UniqueConstraint(
                fields=["month"],
                condition=Q(clinic__isnull=True),
                name="one_no_preference_count_per_month",
            ),
        ]

    def __str__(self):
        clinic = self.clinic.name if self.clinic else NO_PREFERENCE
        return f"{clinic}, {self.month:%B %Y}: {self.count}"
