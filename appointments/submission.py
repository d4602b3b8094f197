"""Saving a patient's request: the one write of the public site that has side effects."""

import logging

from django.db import IntegrityError, transaction
from django.utils import translation

from appointments import spam
from appointments.forms import AppointmentRequestForm
from appointments.models import AppointmentRequest
from appointments.tasks import deliver_notifications

logger = logging.getLogger(__name__)


class StaleForm(Exception):
    """The form was shown so long ago that the patient should check it and send it again."""


def already_received(submission_key: str | None) -> AppointmentRequest | None:
    """The request this same form already sent, if it did."""
    if not submission_key:
        return None
    return AppointmentRequest.objects.filter(submission_key=submission_key).first()


def submit_request(*, form: AppointmentRequestForm) -> AppointmentRequest:
    """Save a valid request, then queue its notifications once the row is committed.

    The form's signed "shown at" token is judged here, once: too old raises StaleForm and saves
    nothing; too fast or forged, like a filled-in honeypot, marks the request as spam, which is
    kept and notifies nobody. The same form sent twice, even at the same moment to two hosts,
    is saved once: the second answer is the first request.
    """
    key = form.cleaned_data["submission"]
    if earlier := already_received(key):
        return earlier
    problem = spam.token_problem(form.data.get("shown", ""))
    if problem is spam.TokenProblem.STALE:
        raise StaleForm
    appointment = form.save(commit=False)
    appointment.submission_key = key or ""
    appointment.language = translation.get_language()  # the form's: /es/ is Spanish
    if problem or form.data.get("website"):
        appointment.status = AppointmentRequest.Status.SPAM
    try:
        with transaction.atomic():
            appointment.save()
            if appointment.status != AppointmentRequest.Status.SPAM:
                transaction.on_commit(lambda: _queue_notifications(appointment.pk))
    except IntegrityError:
        # The same form, saved a moment ago by another worker or host.
        if earlier := already_received(key):
            return earlier
        raise
    return appointment


def _queue_notifications(request_id: int) -> None:
    try:
        deliver_notifications.enqueue(request_id)
    except Exception:
        # The request is saved, and the patient must see that it was. The next sweep
        # (deliver_pending_notifications) sends what this could not queue.
        logger.exception("Could not queue notifications for request #%s", request_id)
