"""Delete requests after the retention period, keeping only anonymous monthly counts."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone

from appointments.models import AppointmentRequest, MonthlyRequestCount


@dataclass(frozen=True)
class Purge:
    cutoff: datetime
    deleted: int
    spam: int

    @property
    def summary(self) -> str:
        day = timezone.localtime(self.cutoff).date()
        return (
            f"Deleted {self.deleted} request{'s' if self.deleted != 1 else ''} received before "
            f"{day:%B %-d, %Y} ({self.spam} marked spam); their counts per clinic and month "
            "were kept."
        )


@transaction.atomic
def purge_old_requests(now: datetime | None = None) -> Purge:
    """Delete every request older than APPOINTMENT_RETENTION_DAYS; count them first."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.APPOINTMENT_RETENTION_DAYS)
    expired = AppointmentRequest.objects.filter(created_at__lt=cutoff)
    months = (
        expired.exclude(status=AppointmentRequest.Status.SPAM)
        .annotate(month=TruncMonth("created_at"))
        .values("clinic", "month")
        .annotate(requests=Count("pk"))
        .order_by()
    )
    for row in months:
        month = row["month"].date() if isinstance(row["month"], datetime) else row["month"]
        _add_to_count(row["clinic"], month, row["requests"])
    spam = expired.filter(status=AppointmentRequest.Status.SPAM).count()
    _, deleted = expired.delete()
    return Purge(cutoff=cutoff, deleted=deleted.get(AppointmentRequest._meta.label, 0), spam=spam)


def _add_to_count(clinic_id: int | None, month: date, requests: int) -> None:
    count, created = MonthlyRequestCount.objects.get_or_create(
        clinic_id=clinic_id, month=month, defaults={"count": requests}
    )
    if not created:
        MonthlyRequestCount.objects.filter(pk=count.pk).update(count=F("count") + requests)
