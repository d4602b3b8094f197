"""The record of staff access to requests: who viewed, changed or exported which, and when."""

from collections.abc import Iterable

from appointments.models import AppointmentRequest, RequestAccess


def record_access(user, requests: Iterable[AppointmentRequest], action: str) -> None:
    """Note one access per request; the record outlives the requests themselves."""
    RequestAccess.objects.bulk_create(
        RequestAccess(user=user, request_number=r.pk, clinic_id=r.clinic_id, action=action)
        for r in requests
    )
