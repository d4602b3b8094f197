"""Spam signals that need no third party: a honeypot field and a signed 'form shown at' time."""

from enum import StrEnum

from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner

signer = TimestampSigner(salt="appointments.form-shown-at")


def form_token() -> str:
    """A tamper-proof note of when the form was shown."""
    return signer.sign("appointment-form")


class TokenProblem(StrEnum):
    """What a form's "shown at" token can say is wrong with the request that carried it."""

    STALE = "stale"  # shown too long ago: the patient is asked to send it again
    FORGED = "invalid"  # not ours: spam
    TOO_FAST = "too fast"  # sent quicker than a person types: spam


def token_problem(token: str) -> TokenProblem | None:
    """What the token says is wrong, or None for a form filled in at a person's pace."""
    try:
        signer.unsign(token, max_age=settings.APPOINTMENT_FORM_MAX_AGE_HOURS * 3600)
    except SignatureExpired:
        return TokenProblem.STALE
    except BadSignature:
        return TokenProblem.FORGED
    try:
        signer.unsign(token, max_age=settings.APPOINTMENT_FORM_MIN_SECONDS)
    except SignatureExpired:
        return None  # older than the minimum: filled in at a human pace
    return TokenProblem.TOO_FAST
