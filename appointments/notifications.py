"""Tell the clinic about a new request, and confirm receipt to the patient, reliably.

The request row is the source of truth: `notified_at` and `confirmation_sent_at` say what has
been sent, `notify_after` when to try next. A worker first *claims* a request by moving
notify_after a lease into the future in one conditional UPDATE, so two workers never send the
same email at once. The claim names the worker: if that worker dies mid-send, the others notice
its heartbeat stop within seconds and take the request back (`tasks.take_back_from`,
core/task_worker.py); where no worker notices, the lease runs out (tasks.look_after_the_queue).

When mail comes back after an outage, the first send that succeeds brings every request waiting
on its backoff forward (`tasks.retry_waiting_now`): they go out within a minute, not the hour or two
their backoff named.

Delivery is therefore at least once, not exactly once: a worker killed after the mail server
accepted an email but before the row said so sends it again. Each email's Message-ID is fixed
per request and kind, so mail clients and servers that fold repeats show it once.

Emails carry the request number, clinic and time only: never the patient's name, reason or note.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from appointments.business_days import contact_deadline
from appointments.models import AppointmentRequest
from core import task_worker
from core.context_processors import site
from core.site import absolute_url

logger = logging.getLogger(__name__)


def lease() -> timedelta:
    """Long enough for a slow SMTP server (the backend times out after 10 s), short enough that
    a request whose worker died is sent again soon."""
    return timedelta(seconds=settings.APPOINTMENT_NOTIFICATION_LEASE_SECONDS)


# Waits after the 1st, 2nd, ... failed attempt; the last repeats until mail is back.
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60, 120)]
# Mail failures worth retrying: SMTP refusals, and the network errors under them.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def claim(request_id: int) -> bool:
    """Take the request for this worker for one lease; False if it is done or held."""
    now = timezone.now()
    claimed = (
        AppointmentRequest.objects.due_for_delivery(now)
        .filter(pk=request_id)
        .update(
            notify_after=now + lease(),
            notification_attempts=F("notification_attempts") + 1,
            claimed_by=task_worker.current_worker_id or "",
        )
    )
    return claimed == 1


class Outcome(StrEnum):
    SENT = "sent"
    NOTHING_TO_SEND = "nothing to send"  # sent already, or another worker holds it
    FAILED = "failed"  # the mail server did not take it: tried again at `retry_at`


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    retry_at: datetime | None = None


def deliver(request_id: int) -> Delivery:
    """Send whatever the request still owes; on a mail failure, say when to try again."""
    if not claim(request_id):
        return Delivery(Outcome.NOTHING_TO_SEND)
    appointment = AppointmentRequest.objects.select_related("clinic").get(pk=request_id)
    outstanding = AppointmentRequest.objects.filter(pk=request_id)
    try:
        if appointment.notified_at is None:
            send_clinic_notification(appointment)
            outstanding.update(notified_at=timezone.now())
        if appointment.email and appointment.confirmation_sent_at is None:
            send_patient_confirmation(appointment)
            outstanding.update(confirmation_sent_at=timezone.now())
    except MAIL_ERRORS as error:
        wait = BACKOFF[min(appointment.notification_attempts, len(BACKOFF)) - 1]
        retry_at = timezone.now() + wait
        # The error's kind only: an SMTP message can quote an address.
        outstanding.update(
            notify_after=retry_at, notification_error=type(error).__name__, claimed_by=""
        )
        logger.warning(
            "Notification for request #%s failed (%s); next try in %s.",
            request_id,
            type(error).__name__,
            wait,
        )
        return Delivery(Outcome.FAILED, retry_at)
    outstanding.update(notify_after=None, notification_error="", claimed_by="")
    return Delivery(Outcome.SENT)


def overdue_ids(now=None) -> list[int]:
    """Due requests whose own task was lost (older than a minute: a new one's task may still be
    on its way) or whose claim or retry time ran out (a worker died, or a retry is due)."""
    now = now or timezone.now()
    return list(
        AppointmentRequest.objects.due_for_delivery(now)
        .filter(Q(created_at__lte=now - timedelta(minutes=1)) | Q(notify_after__isnull=False))
        .values_list("pk", flat=True)
    )


def message_id(appointment: AppointmentRequest, kind: str) -> str:
    """The same for every attempt at one email, different for every request and kind."""
    received = int(appointment.created_at.timestamp())
    host = urlsplit(settings.SITE_URL).hostname
    return f"<appointment-request-{appointment.pk}-{received}.{kind}@{host}>"


def clinic_email_subject(appointment: AppointmentRequest) -> str:
    if appointment.clinic:
        return f"New appointment request #{appointment.pk} for {appointment.clinic.name}"
    return f"New appointment request #{appointment.pk}, no preferred clinic"


@translation.override(settings.LANGUAGE_CODE)  # staff read English, whatever the patient's
def send_clinic_notification(appointment: AppointmentRequest) -> None:
    clinic = appointment.clinic
    recipient = clinic.notification_email if clinic else settings.APPOINTMENT_CENTRAL_EMAIL
    context = {
        "number": appointment.pk,
        "clinic": appointment.clinic_name,
        "received": timezone.localtime(appointment.created_at),
        "admin_url": absolute_url(appointment.get_admin_url()),
    }
    EmailMessage(
        subject=clinic_email_subject(appointment),
        body=render_to_string("appointments/email/clinic_notification.txt", context),
        to=[recipient],
        headers={"Message-ID": message_id(appointment, "clinic")},
    ).send()


def send_patient_confirmation(appointment: AppointmentRequest) -> None:
    """In the language of the form the patient sent."""
    received = timezone.localtime(appointment.created_at)
    context = {
        **site(None),  # the name and main phone number every page shows
        "clinic": appointment.clinic,
        "call_by": contact_deadline(appointment.clinic, received.date()),
    }
    with translation.override(appointment.language):
        subject = gettext("%(site)s: we have your appointment request") % {
            "site": settings.SITE_NAME
        }
        body = render_to_string("appointments/email/patient_confirmation.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        to=[appointment.email],
        headers={"Message-ID": message_id(appointment, "patient")},
    ).send()
