import io
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Topic
from demo.content import CLINICS, upcoming_holidays
from locations.models import Clinic, OpeningHours, Service, SpecialHours
from pages.models import HomePage
from team.models import Clinician

# Kept on one worker (`--dist loadgroup`), so the demo is loaded once for the whole file.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-content")]


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content loaded once for this file, as `make run` loads it on a fresh site: what
    it printed. Each test works inside it (its own changes rolled back after it, as always),
    and the whole load is rolled back after the file."""
    printed = io.StringIO()
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo_content", stdout=printed)
        yield printed.getvalue()
        transaction.set_rollback(True)


def load(capsys) -> str:
    """The demo content loaded again, on top of the first load: what it printed."""
    call_command("load_demo_content")
    return capsys.readouterr().out


def test_demo_content_loads_twice_without_duplicates(first_load, capsys):
    counts = [
        Clinic.objects.count(),
        OpeningHours.objects.count(),
        Topic.objects.count(),
        Clinician.objects.count(),
        Article.objects.count(),
    ]
    second = load(capsys)
    assert (
        "created 0 clinics, 0 topics, 0 authors, 0 articles, 0 plans, 0 spanish, 0 stories, "
        "0 requests" in second
    )
    assert [
        Clinic.objects.count(),
        OpeningHours.objects.count(),
        Topic.objects.count(),
        Clinician.objects.count(),
        Article.objects.count(),
    ] == counts


def test_demo_content_has_the_five_clinics_and_articles_over_several_topics(first_load):
    assert set(Clinic.objects.values_list("name", flat=True)) == {
        "Severna Park",
        "Frederick",
        "Crofton",
        "Bowie",
        "Gaithersburg",
    }
    assert all(clinic.opening_hours.exists() for clinic in Clinic.objects.all())
    published = Article.objects.published()
    assert published.count() >= 6
    assert published.values("topic").distinct().count() >= 3
    sciatica = published.get(slug="physical-therapy-for-sciatica")
    assert sciatica.body.count("<h2 id=") >= 3
    assert sciatica.body.count("<li><strong>") >= 4
    # Emergency signs point to 911 first, said once: the site's urgent-care note, not the body.
    assert sciatica.show_urgent_care and "911" in sciatica.urgent_care_text
    assert "urgent care" not in sciatica.body
    assert sciatica.hero_image
    # Every demo article is reviewed by someone other than its author, after it was written and
    # close to its publication: never a year before it.
    for article in Article.objects.all():
        assert article.reviewer and article.reviewer != article.author, article.slug
        published_on = timezone.localdate(article.publish_at)
        assert article.last_reviewed <= max(published_on, timezone.localdate()), article.slug
        assert (published_on - article.last_reviewed).days <= 7, article.slug
    assert not Article.objects.review_due().exists()


def test_demo_pictures_keep_their_size_so_pages_never_open_them(first_load):
    sized = [
        (Article, "hero_width"),
        (Clinic, "photo_width"),
        (Topic, "picture_width"),
        (HomePage, "picture_width"),
    ]
    for model, field in sized:
        assert None not in model.objects.values_list(field, flat=True), model.__name__


def test_demo_reload_keeps_staff_edits(first_load, capsys):
    Clinic.objects.filter(slug="bowie").update(phone="+13015550199")
    load(capsys)
    assert Clinic.objects.get(slug="bowie").phone == "+13015550199"


def test_first_load_creates_one_admin_with_a_random_password_shown_once(first_load, capsys):
    password = re.search(r"as 'admin' with password (\S+)", first_load).group(1)
    assert len(password) >= 16
    assert get_user_model().objects.get(username="admin").check_password(password)

    second = load(capsys)
    assert password not in second
    assert get_user_model().objects.filter(is_staff=True).count() == 1


def test_demo_clinic_phones_are_valid_and_fictional():
    for clinic in CLINICS:
        assert re.fullmatch(r"\+1(301|410)5550\d\d\d", clinic["phone"]), clinic["name"]


def test_demo_clinics_have_photos_services_and_an_upcoming_holiday_closure(first_load, capsys):
    today = timezone.localdate()
    for clinic in Clinic.objects.all():
        assert clinic.photo and clinic.photo_alt
        assert clinic.services.count() >= 3
        assert clinic.special_hours.filter(closed=True, date__gte=today).exists()
    # Reloading adds no second copy of anything.
    counts = (SpecialHours.objects.count(), Service.objects.count())
    load(capsys)
    assert (SpecialHours.objects.count(), Service.objects.count()) == counts


def test_demo_holidays_fall_on_the_right_days():
    holidays = {note: day for day, note, _ in upcoming_holidays(date(2026, 11, 27))}
    assert holidays["Thanksgiving"] == date(2027, 11, 25)  # the fourth Thursday of November
    assert holidays["Christmas Day"] == date(2026, 12, 25)
    assert holidays["New Year’s Day"] == date(2027, 1, 1)
    assert upcoming_holidays(date(2026, 11, 1))[0] == (date(2026, 11, 26), "Thanksgiving", None)


def test_demo_team_covers_every_clinic_with_clinicians_who_write_review_and_speak_spanish(
    first_load,
):
    team = Clinician.objects.prefetch_related("clinics", "specialties")
    assert team.count() >= 8
    assert {c.slug for person in team for c in person.clinics.all()} == set(
        Clinic.objects.values_list("slug", flat=True)
    )
    assert all(person.title and person.bio and person.specialties.exists() for person in team)
    assert sum("Spanish" in person.language_list for person in team) >= 2
    assert all(a.author.slug and a.reviewer.slug for a in Article.objects.all())
