"""Patient stories as patients read them and as staff keep them: shown on the clinic's, the
therapist's and the topic's pages only while a signed consent covers them; off the site at the
minute the consent ends or is withdrawn (cached pages included); the signed form private."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from demo.pictures import draw_portrait
from stories.models import Consent, Story
from tests.factories import (
    SIGNED_FORM,
    make_author,
    make_clinic,
    make_consent,
    make_staff,
    make_story,
    make_topic,
    sign_in_staff,
)

pytestmark = pytest.mark.django_db
WORDS = "I walk to church again."


@pytest.fixture
def story():
    clinic = make_clinic(name="Bowie", slug="bowie")
    therapist = make_author(name="Aisha Kamara", credentials="PT, DPT, GCS")
    therapist.clinics.set([clinic])
    topic = make_topic(name="Balance & Falls", slug="balance-falls")
    return make_story(name="Denise", words=WORDS, clinic=clinic, clinician=therapist, topic=topic)


PAGES = ["/locations/bowie/", "/team/aisha-kamara/", "/articles/topics/balance-falls/"]


def test_a_story_shows_on_its_clinic_therapist_and_topic_pages_without_ratings(client, story):
    for page in PAGES:
        response = client.get(page)
        assertContains(response, WORDS)
        assertContains(response, "<strong>Denise</strong>, treated for balance &amp; falls")
        # No star ratings, no review markup about ourselves.
        html = response.content.decode()
        assert "Review" not in html and "ratingValue" not in html and "★" not in html
    assertNotContains(client.get("/locations/"), WORDS)


def test_a_story_without_a_consent_in_force_is_not_shown(client, story):
    unconsented = make_story(
        consent=False, name="Sam", words="Back on the court.", clinic=story.clinic
    )
    expired = make_story(consent=False, name="Ann", words="Stairs are easy.", clinic=story.clinic)
    make_consent(expired, expires_at=timezone.now() - timedelta(minutes=1))
    site_only = make_story(consent=False, name="Lee", words="Less pain.", clinic=story.clinic)
    make_consent(site_only, covers_site=False, covers_photo=True)
    page = client.get("/locations/bowie/")
    assertContains(page, WORDS)
    for other in (unconsented, expired, site_only):
        assertNotContains(page, other.words)


def test_a_story_leaves_every_page_at_the_minute_its_consent_ends(client, story, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    story.consents.update(expires_at=timezone.now() + timedelta(hours=3))
    for page in PAGES:
        assertContains(client.get(page), WORDS)  # now in the page cache
    time_machine.shift(timedelta(hours=2, minutes=59))
    assertContains(client.get("/locations/bowie/"), WORDS)
    time_machine.shift(timedelta(minutes=2))
    for page in PAGES:
        assertNotContains(client.get(page), WORDS)


def test_a_photo_shows_only_while_the_consent_covers_it(
    client, story, django_capture_on_commit_callbacks
):
    story.photo.save("denise.jpeg", draw_portrait("Aisha Kamara"), save=False)
    story.photo_alt = "Denise in the clinic's garden"
    story.save()
    assertNotContains(client.get("/locations/bowie/"), "Denise in the clinic")
    with django_capture_on_commit_callbacks(execute=True):
        make_consent(story, covers_photo=True)
    assertContains(client.get("/locations/bowie/"), 'alt="Denise in the clinic')


def test_withdrawn_consent_takes_the_story_off_everywhere_at_once_and_is_recorded(
    client, story, admin_user, django_capture_on_commit_callbacks
):
    for page in PAGES:
        assertContains(client.get(page), WORDS)  # cached
    staff = Client()
    sign_in_staff(staff, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/stories/story/{story.pk}/withdraw/", follow=True)
    assertContains(response, "1 story taken off the site")
    for page in PAGES:
        assertNotContains(client.get(page), WORDS)
    consent = story.consents.get()
    assert consent.withdrawn_by == admin_user
    assert consent.withdrawn_at is not None
    story.refresh_from_db()
    assert not story.published
    assert LogEntry.objects.get(object_id=str(story.pk)).get_change_message() == (
        "Consent withdrawn; taken off the site."
    )
    # Publishing again is refused until a new consent is recorded.
    response = staff.post(f"/admin/stories/story/{story.pk}/change/", story_form(story, consent))
    assertContains(response, "A story can be shown only with a signed consent in force")


def story_form(story, consent=None, **consent_fields) -> dict:
    data = {
        "name": story.name,
        "words": story.words,
        "language": story.language,
        "topic": story.topic_id or "",
        "clinic": story.clinic_id or "",
        "clinician": story.clinician_id or "",
        "photo_alt": "",
        "published": "on",
        "consents-TOTAL_FORMS": "1" if consent or consent_fields else "0",
        "consents-INITIAL_FORMS": "1" if consent else "0",
        "consents-MIN_NUM_FORMS": "0",
        "consents-MAX_NUM_FORMS": "1000",
    }
    if consent:
        data |= {
            "consents-0-id": consent.pk,
            "consents-0-story": story.pk,
            "consents-0-given_by": consent.given_by,
            "consents-0-given_on": consent.given_on.isoformat(),
            "consents-0-covers_site": "on",
            "consents-0-expires_at_0": timezone.localtime(consent.expires_at).date().isoformat(),
            "consents-0-expires_at_1": "09:00",
        }
    data |= {f"consents-0-{name}": value for name, value in consent_fields.items()}
    return data


def test_staff_publish_a_story_only_with_a_signed_form_that_is_a_pdf_or_a_picture(
    client, admin_user, django_capture_on_commit_callbacks
):
    sign_in_staff(client, admin_user)
    story = Story(name="Sam", words="Back on the court.")
    fields = {
        "given_by": "Sam, the patient",
        "given_on": timezone.localdate().isoformat(),
        "covers_site": "on",
        "expires_at_0": (timezone.localdate() + timedelta(days=365)).isoformat(),
        "expires_at_1": "09:00",
    }
    # Published with no consent at all: refused, with what to do.
    response = client.post("/admin/stories/story/add/", story_form(story))
    assertContains(response, "A story can be shown only with a signed consent in force")
    # A "signed form" that is neither a PDF nor a picture.
    fake = SimpleUploadedFile("consent.pdf", b"MZ\x90\x00 not a document", "application/pdf")
    response = client.post(
        "/admin/stories/story/add/", story_form(story, authorization=fake, **fields)
    )
    assertContains(response, "This file is not a PDF or a picture we can read.")
    assert not Story.objects.exists()
    signed = SimpleUploadedFile("consent.pdf", SIGNED_FORM, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/stories/story/add/", story_form(story, authorization=signed, **fields)
        )
    assert response.status_code == 302, [
        (f.formset.errors, f.formset.non_form_errors())
        for f in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    consent = Consent.objects.get()
    assert consent.story.published
    assert consent.authorization.read() == SIGNED_FORM


def test_the_signed_form_is_private_and_needs_its_permission(client, story, settings):
    consent = story.consents.get()
    # Not in the public uploads: no address serves it.
    assert str(settings.PRIVATE_ROOT) in consent.authorization.path
    assert client.get(f"/media/{consent.authorization.name}").status_code == 404
    url = f"/admin/stories/story/consent/{consent.pk}/signed-form/"
    assert client.get(url).status_code == 302  # to the sign-in
    editor = make_staff("eli", "Editors")
    sign_in_staff(client, editor)
    page = client.get(f"/admin/stories/story/{story.pk}/change/")
    assertContains(page, "downloading it needs the “download signed consent forms” permission")
    assert client.get(url).status_code == 403
    manager = make_staff("pat", "Practice managers")
    sign_in_staff(client, manager)
    assertContains(client.get(f"/admin/stories/story/{story.pk}/change/"), f'href="{url}"')
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SIGNED_FORM
    assert "no-store" in download["Cache-Control"]
    assert "attachment" in download["Content-Disposition"]


def test_a_story_is_marked_in_its_own_language_and_comes_first_on_pages_in_it(client, story):
    spanish = "Volví a caminar a la iglesia."
    make_story(
        name="Ana",
        words=spanish,
        language="es",
        clinic=story.clinic,
        clinician=story.clinician,
        topic=story.topic,
    )
    for prefix in ("", "/es"):
        html = client.get(prefix + "/locations/bowie/").content.decode()
        marked = {
            words: re.search(rf"<blockquote([^>]*)><p>{re.escape(words)}", html).group(1)
            for words in (WORDS, spanish)
        }
        # Words never translated: a screen reader reads them in their language's voice.
        if prefix:
            assert marked == {WORDS: ' lang="en"', spanish: ""}
            assert html.index(spanish) < html.index(WORDS)  # Spanish first on a Spanish page
        else:
            assert marked == {WORDS: "", spanish: ' lang="es"'}
            assert html.index(WORDS) < html.index(spanish)
