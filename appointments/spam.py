"""Spam signals that need no third party: a honeypot field and a signed 'form shown at' time."""

from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner

signer = TimestampSigner(salt="appointments.form-shown-at")


def form_token() -> str:
    """A tamper-proof note of when the form was shown."""
    return signer.sign("appointment-form")


def token_problem(token: str) -> str | None:
    """Return 'stale', 'invalid' or 'too fast' when the token says so; None for a person's pace."""
    try:
        signer.unsign(token, max_age=settings.APPOINTMENT_FORM_MAX_AGE_HOURS * 3600)
    except SignatureExpired:
        return "stale"
    except BadSignature:
        return "invalid"
    try:
        signer.unsign(token, max_age=settings.APPOINTMENT_FORM_MIN_SECONDS)
    except SignatureExpired:
        return None  # older than the minimum: filled in at a human pace
    return "too fast"
