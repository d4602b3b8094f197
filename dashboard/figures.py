"""The staff dashboard on the admin's first page: what needs doing and what is working.

Every figure comes from an aggregate query over the requests the signed-in person may see
(practice managers: every clinic; front desk: their clinics and requests without one), in a
fixed number of queries whatever the number of requests. No patient's name, phone, reason or
note appears: requests are numbers, clinics and times.
"""

import calendar
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from appointments.business_days import deadlines
from appointments.models import (
    NO_PREFERENCE,
    AppointmentRequest,
    MonthlyRequestCount,
    clinics_worked_by,
)
from articles.models import Article

QUEUE_SHOWN = 15
WEEKS = 12
CONTACT_DAYS = 30
SOURCE_DAYS = 90
SCHEDULE_DAYS = 30
# Distinct in hue and lightness (also in grey), each at least 3:1 against white.
PALETTE = ["#1b6e5a", "#b4531d", "#4058a8", "#8a3d8a", "#5f6b00", "#6b6b6b"]
Status = AppointmentRequest.Status


@dataclass
class Series:
    name: str
    colour: str
    counts: list[int] = field(default_factory=list)


@dataclass
class Chart:
    weeks: list[date]
    series: list[Series]
    estimated: set[int]  # weeks whose requests were purged: from the monthly counts

    @property
    def totals(self) -> list[int]:
        return [sum(s.counts[i] for s in self.series) for i in range(len(self.weeks))]


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _chart(requests, monthly, clinics, today) -> Chart:
    first = _week_start(today) - timedelta(weeks=WEEKS - 1)
    weeks = [first + timedelta(weeks=n) for n in range(WEEKS)]
    names = {c.pk: c.name for c in clinics}
    keys = [c.pk for c in clinics] + [None]
    series = {
        key: Series(names.get(key, NO_PREFERENCE), PALETTE[i % len(PALETTE)], [0] * WEEKS)
        for i, key in enumerate(keys)
    }
    per_day = (
        requests.filter(created_at__date__gte=first)
        .exclude(status=Status.SPAM)
        .annotate(day=TruncDate("created_at"))
        .values("day", "clinic_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in per_day:
        if row["clinic_id"] in series:
            series[row["clinic_id"]].counts[(row["day"] - first).days // 7] += row["n"]
    # Days whose requests the retention purge deleted: spread each month's count over its days.
    cutoff = timezone.localdate() - timedelta(days=settings.APPOINTMENT_RETENTION_DAYS)
    estimated = set()
    for row in monthly:
        month, key = row["month"], row["clinic_id"]
        if key not in series:
            continue
        days = calendar.monthrange(month.year, month.month)[1]
        for offset in range(days):
            day = month + timedelta(days=offset)
            if first <= day < cutoff and day <= today:
                index = (day - first).days // 7
                series[key].counts[index] += round(row["count"] / days)
                estimated.add(index)
    # Each of the person's clinics, and "no preference" when it had any requests.
    shown = [s for key, s in series.items() if key is not None or any(s.counts)]
    return Chart(weeks=weeks, series=shown, estimated=estimated)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[rank]


def _contact_times(requests, clinics, now) -> list[dict]:
    """Median and 90th percentile hours from arrival to the first "contacted", per clinic."""
    first_contact = Min("status_changes__at", filter=Q(status_changes__status=Status.CONTACTED))
    rows = (
        requests.filter(created_at__gte=now - timedelta(days=CONTACT_DAYS))
        .exclude(status=Status.SPAM)
        .annotate(contacted_at=first_contact)
        .values_list("clinic_id", "created_at", "contacted_at")
    )
    hours: dict = {}
    waiting: dict = {}
    for clinic_id, created, contacted in rows:
        if contacted:
            hours.setdefault(clinic_id, []).append((contacted - created).total_seconds() / 3600)
        else:
            waiting[clinic_id] = waiting.get(clinic_id, 0) + 1
    names = {c.pk: c.name for c in clinics}
    result = []
    for key in [c.pk for c in clinics] + [None]:
        values = hours.get(key, [])
        if not values and not waiting.get(key):
            continue
        result.append(
            {
                "clinic": names.get(key, NO_PREFERENCE),
                "contacted": len(values),
                "waiting": waiting.get(key, 0),
                "median": statistics.median(values) if values else None,
                "p90": _percentile(values, 0.9) if values else None,
            }
        )
    return result


def _articles_leading(requests, now) -> list[dict]:
    rows = list(
        requests.filter(
            created_at__gte=now - timedelta(days=SOURCE_DAYS), source__startswith="/articles/"
        )
        .exclude(status=Status.SPAM)
        .values("source")
        .annotate(n=Count("pk"))
        .order_by("-n", "source")[:10]
    )
    slugs = {row["source"].strip("/").split("/")[-1]: row["n"] for row in rows}
    articles = Article.objects.filter(slug__in=slugs).only("pk", "title", "slug")
    leading = [{"article": a, "requests": slugs[a.slug]} for a in articles]
    return sorted(leading, key=lambda item: (-item["requests"], item["article"].title))


def dashboard(user, now: datetime | None = None) -> dict:
    """Everything the dashboard shows to this person, in a fixed number of queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    context: dict = {"now": now}
    if user.has_perm("appointments.view_appointmentrequest"):
        sees_all = user.has_perm("appointments.view_all_requests")
        # The admin's rule: a clinic's requests show here while they can be seen there.
        shown = list(clinics_worked_by(user).order_by("order", "name"))
        requests = AppointmentRequest.objects.for_staff(user)
        names = {c.pk: c.name for c in shown}
        queue = [
            {
                "number": row.number,
                "clinic": names.get(row.clinic_id, NO_PREFERENCE),
                "received": row.received,
                "deadline": row.deadline,
                "late": today > row.deadline,
                "spanish": row.language == "es",
            }
            for row in deadlines(requests.filter(status=Status.NEW), now)
        ]
        first_month = (_week_start(today) - timedelta(weeks=WEEKS - 1)).replace(day=1)
        monthly = MonthlyRequestCount.objects.filter(
            Q(clinic__in=[c.pk for c in shown]) | Q(clinic__isnull=True), month__gte=first_month
        ).values("month", "clinic_id", "count")
        context.update(
            sees_all=sees_all,
            clinics=shown,
            queue=queue[:QUEUE_SHOWN],
            new_count=len(queue),
            late_count=sum(item["late"] for item in queue),
            spanish_count=sum(item["spanish"] for item in queue),
            chart=_chart(requests, monthly, shown, today),
            contact_times=_contact_times(requests, shown, now),
            articles_leading=_articles_leading(requests, now),
        )
    if user.has_perm("articles.change_article"):
        published = Article.objects.filter(status=Article.Status.PUBLISHED)
        context.update(
            scheduled=list(
                published.filter(
                    publish_at__gt=now, publish_at__lte=now + timedelta(days=SCHEDULE_DAYS)
                )
                .only("pk", "title", "publish_at")
                .order_by("publish_at")
            ),
            review_due=list(
                Article.objects.review_due().only(
                    "pk", "title", "last_reviewed", "slug_es", "last_reviewed_es"
                )
            ),
        )
    return context


def _nice_ceiling(value: int) -> int:
    """1, 2, 5, 10, 20, 50... at or above the value (the chart's top line)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def chart_drawing(chart: Chart) -> dict:
    """Where each bar, gridline and label goes in the SVG (a 600 x 300 view box)."""
    left, top, width, height = 48, 12, 540, 236
    ceiling = _nice_ceiling(max(chart.totals, default=0) or 1)
    slot = width / len(chart.weeks)
    bars = []
    for i, week in enumerate(chart.weeks):
        bottom = top + height
        for series in chart.series:
            count = series.counts[i]
            if not count:
                continue
            h = height * count / ceiling
            label = f"{series.name}, week of {week:%b} {week.day}: {count}"
            bars.append(
                {
                    "x": round(left + i * slot + slot * 0.15, 1),
                    "y": round(bottom - h, 1),
                    "w": round(slot * 0.7, 1),
                    "h": round(h, 1),
                    "colour": series.colour,
                    "label": label,
                }
            )
            bottom -= h
    grid = [
        {"y": round(top + height * (1 - f), 1), "value": round(ceiling * f)} for f in (0, 0.5, 1)
    ]
    # Every other week labelled; on a phone every fourth ("minor" ones hidden), in larger type.
    labels = [
        {"x": round(left + (i + 0.5) * slot, 1), "text": f"{w:%b} {w.day}", "minor": i % 4 == 3}
        for i, w in enumerate(chart.weeks)
        if i % 2 == 1
    ]
    rows = [
        {
            "week": week,
            "estimated": i in chart.estimated,
            "counts": [s.counts[i] for s in chart.series],
            "total": chart.totals[i],
        }
        for i, week in enumerate(chart.weeks)
    ]
    return {
        "bars": bars,
        "grid": grid,
        "labels": labels,
        "rows": rows,
        "left": left,
        "right": left + width,
        "baseline": top + height,
    }
