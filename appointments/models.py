from django.db import models

from locations.models import Clinic


class AppointmentRequest(models.Model):
    """A patient's request to be called back and booked: health information, kept in here only."""

    class Reason(models.TextChoices):
        # Values match the article topic slugs, so an article's call to action can preselect one.
        BACK_PAIN = "back-pain", "Back pain or sciatica"
        NECK_SHOULDER = "neck-shoulder", "Neck or shoulder pain"
        KNEE_HIP = "knee-hip", "Knee or hip pain"
        SPORTS_INJURY = "sports-injuries", "Sports injury"
        AFTER_SURGERY = "after-surgery", "Recovery after surgery"
        BALANCE = "balance-falls", "Balance, dizziness or falls"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        CLOSED = "closed", "Closed"

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    phone = models.CharField(max_length=20, help_text="Stored as +1XXXXXXXXXX.")
    email = models.EmailField(blank=True)
    clinic = models.ForeignKey(
        Clinic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_requests",
        help_text="Empty when the patient has no preference.",
    )
    reason = models.CharField(max_length=20, choices=Reason)
    consent = models.BooleanField()
    status = models.CharField(max_length=12, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="request_has_consent"),
        ]

    def __str__(self):
        # The number only: this string shows in admin messages and history, not the patient's name.
        return f"Request #{self.pk}"
