"""Plain factory helpers: each makes a valid object; keyword arguments override any field."""

import time as clock
from datetime import time, timedelta
from itertools import count
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from appointments import spam
from appointments.models import AppointmentRequest
from articles.models import Article, Topic
from insurance.models import Network, Plan
from locations.models import Clinic, OpeningHours, Service, SpecialHours
from stories.models import Consent, Story
from team.models import Clinician

_serial = count(1)


def make_topic(**overrides) -> Topic:
    n = next(_serial)
    return Topic.objects.create(**{"name": f"Topic {n}", "slug": f"topic-{n}", **overrides})


def make_author(**overrides) -> Clinician:
    return Clinician.objects.create(**{"name": "Jordan Lee", "credentials": "PT, DPT", **overrides})


def make_plan(clinics=(), **overrides) -> Plan:
    """A plan, in network at these clinics (a clinic, or a (clinic, note) pair)."""
    n = next(_serial)
    plan = Plan.objects.create(**{"name": f"Plan {n}", **overrides})
    for clinic in clinics:
        clinic, note = clinic if isinstance(clinic, tuple) else (clinic, "")
        Network.objects.create(plan=plan, clinic=clinic, note=note)
    return plan


SIGNED_FORM = b"%PDF-1.4\n% a signed consent form\n%%EOF\n"


def make_consent(story, **overrides) -> Consent:
    consent = Consent(
        **{
            "story": story,
            "given_by": "The patient",
            "expires_at": timezone.now() + timedelta(days=365),
            **overrides,
        }
    )
    consent.authorization.save("signed.pdf", ContentFile(SIGNED_FORM), save=False)
    consent.save()
    return consent


def make_story(consent=True, **overrides) -> Story:
    """A published story with a consent in force (unless consent=False)."""
    story = Story.objects.create(
        **{"name": "Maria", "words": "I lift my grandson again.", "published": True, **overrides}
    )
    if consent:
        make_consent(story)
    return story


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
    # Related objects only when the test gave none (setdefault would make them regardless).
    if "topic" not in fields:
        fields["topic"] = make_topic()
    if "author" not in fields:
        fields["author"] = make_author()
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


def clinic_form(clinic, **overrides) -> dict:
    """What the clinic admin's change form posts for a clinic, with no hours rows."""
    data = {
        "name": clinic.name,
        "slug": clinic.slug,
        "active": "on",
        "order": 0,
        "street_address": clinic.street_address,
        "city": clinic.city,
        "state": "MD",
        "postal_code": clinic.postal_code,
        "latitude": "38.9",
        "longitude": "-76.7",
        "phone": clinic.phone,
        "fax": "",
        "notification_email": "clinic@example.com",
        "parking_notes_en": "",
        "accessibility_notes_en": "",
        "photo_alt_en": "",
        "opening_hours-TOTAL_FORMS": 0,
        "opening_hours-INITIAL_FORMS": 0,
        "special_hours-TOTAL_FORMS": 0,
        "special_hours-INITIAL_FORMS": 0,
    }
    return data | overrides


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
        "patient_type": AppointmentRequest.PatientType.NEW,
        "consent": True,
        **overrides,
    }
    return AppointmentRequest.objects.create(**fields)


def form_data(**overrides) -> dict:
    """What a patient's browser posts for a complete, valid request form."""
    return {
        "first_name": "Sam",
        "last_name": "Rivera",
        "phone": "(410) 555-0199",
        "email": "sam@example.com",
        "contact_method": "phone",
        "clinic": "",
        "reason": "other",
        "patient_type": "new",
        "consent": "on",
        "shown": shown_token(seconds_ago=60),
        "website": "",
        **overrides,
    }


def shown_token(*, seconds_ago: float) -> str:
    """The form's signed 'shown at' token, as if the page had loaded that long ago."""
    with mock.patch("django.core.signing.time.time", return_value=clock.time() - seconds_ago):
        return spam.form_token()


def run_worker() -> None:
    """Run every task that is due, as `manage.py db_worker` would, then return.

    The worker closes "old" database connections between tasks; inside a test's transaction
    that would close the test's own connection, so it is kept open (as Django's test client
    does for requests). What the tasks leave for after their commit (the page cache forgetting
    pages) runs, as it would once the worker's transaction commits.
    """
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def sign_in_staff(client, user):
    """Signed in as staff are in production: password, then an authenticator app's code."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Phone"}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def current_code(app: TOTPDevice) -> str:
    """The 6 digits an authenticator app with this device's secret shows now."""
    return f"{totp(app.bin_key, app.step, app.t0, app.digits, app.drift):06d}"


def make_staff(username, group, clinics=()):
    """A staff account in one of the groups the migrations make, at the front desk of clinics."""
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for clinic in clinics:
        clinic.front_desk.add(user)
    return user
