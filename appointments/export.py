"""Requests as a CSV file for a spreadsheet: every field a patient gave, safe to open."""

import csv

from django.http import HttpResponse

from appointments.models import AppointmentRequest
from locations.phones import display_phone

COLUMNS = [
    "id",
    "created_at",
    "status",
    "clinic",
    "preferred_therapist",
    "first_name",
    "last_name",
    "phone",
    "email",
    "contact_method",
    "reason",
    "patient_type",
    "referral",
    "insurance",
    "preferred_days",
    "preferred_times",
    "note",
]


def csv_response(requests: list[AppointmentRequest]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment-requests.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for r in requests:
        row = [
            r.pk,
            r.created_at.isoformat(),
            r.status,
            r.clinic_name,
            r.clinician.name if r.clinician else "",
            r.first_name,
            r.last_name,
            display_phone(r.phone) if r.phone else "",
            r.email,
            r.contact_method,
            r.reason_label,
            r.patient_type,
            r.referral,
            r.insurance_summary,
            " ".join(r.preferred_days),
            " ".join(r.preferred_times),
            r.note,
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def spreadsheet_safe(value):
    # Patients typed these: a cell starting with = + - @ (or a tab or carriage return before
    # one) would run as a spreadsheet formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
