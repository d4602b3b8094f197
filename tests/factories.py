"""Plain factory helpers: each makes a valid object; keyword arguments override any field."""

from datetime import time
from itertools import count

from django.utils import timezone

from appointments.models import AppointmentRequest
from articles.models import Article, Author, Topic
from locations.models import Clinic, OpeningHours, Service, SpecialHours

_serial = count(1)


def make_topic(**overrides) -> Topic:
    n = next(_serial)
    return Topic.objects.create(**{"name": f"Topic {n}", "slug": f"topic-{n}", **overrides})


def make_author(**overrides) -> Author:
    return Author.objects.create(**{"name": "Jordan Lee", "credentials": "PT, DPT", **overrides})


def make_article(**overrides) -> Article:
    n = next(_serial)
    fields = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "summary": f"Summary of article {n}.",
        "body": f"<p>Body of article {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "publish_at": timezone.now(),
        **overrides,
    }
    fields.setdefault("topic", make_topic())
    fields.setdefault("author", make_author())
    return Article.objects.create(**fields)


def make_clinic(**overrides) -> Clinic:
    n = next(_serial)
    fields = {
        "name": f"Clinic {n}",
        "slug": f"clinic-{n}",
        "street_address": f"{n} Main Street",
        "city": "Bowie",
        "postal_code": "20716",
        "phone": "+13015550128",
        "notification_email": f"clinic{n}@example.com",
        "latitude": "38.94680",
        "longitude": "-76.73350",
        **overrides,
    }
    return Clinic.objects.create(**fields)


def make_opening_hours(clinic, weekday, opens, closes) -> OpeningHours:
    return OpeningHours.objects.create(
        clinic=clinic,
        weekday=weekday,
        opens=time.fromisoformat(opens),
        closes=time.fromisoformat(closes),
    )


def make_special_hours(clinic, day, *, opens=None, closes=None, note="") -> SpecialHours:
    """Closed all day unless opening times are given."""
    return SpecialHours.objects.create(
        clinic=clinic,
        date=day,
        closed=opens is None,
        opens=time.fromisoformat(opens) if opens else None,
        closes=time.fromisoformat(closes) if closes else None,
        note=note,
    )


def make_service(name, **overrides) -> Service:
    return Service.objects.create(name=name, **overrides)


def make_request(**overrides) -> AppointmentRequest:
    fields = {
        "first_name": "Sam",
        "last_name": "Rivera",
        "phone": "+14105550199",
        "reason": AppointmentRequest.Reason.BACK_PAIN,
        "consent": True,
        **overrides,
    }
    return AppointmentRequest.objects.create(**fields)
