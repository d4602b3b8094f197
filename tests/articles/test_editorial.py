"""Staff: previews, scheduling, slug changes, groups and the review workflow."""

import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article
from articles.preview import preview_url
from demo.pictures import draw_topic_picture
from tests.factories import make_article, make_author, make_staff, sign_in_staff

pytestmark = pytest.mark.django_db


def test_staff_preview_a_draft_exactly_as_it_will_look(client, django_user_model):
    draft = make_article(title="Work in progress", status=Article.Status.DRAFT)
    assert client.get(f"/articles/preview/{draft.pk}/").status_code == 404  # staff only
    sign_in_staff(client, make_staff("editor", "Editors"))
    response = client.get(f"/articles/preview/{draft.pk}/")
    assertContains(response, "<h1>Work in progress</h1>", html=True)
    assertContains(response, "Patients cannot see this page yet.")
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_a_signed_preview_link_works_without_an_account(client):
    draft = make_article(title="For Dr. Lee to check", status=Article.Status.DRAFT)
    response = client.get(preview_url(draft))
    assertContains(response, "For Dr. Lee to check")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(draft.get_absolute_url()).status_code == 404  # still a draft


def test_a_preview_link_expires(client, settings, time_machine):
    settings.ARTICLE_PREVIEW_LINK_DAYS = 7
    time_machine.move_to(timezone.now(), tick=False)
    draft = make_article(status=Article.Status.DRAFT)
    link = preview_url(draft)
    time_machine.shift(timedelta(days=6))
    assert client.get(link).status_code == 200
    time_machine.shift(timedelta(days=2))
    assert client.get(link).status_code == 404


def test_changing_the_article_revokes_its_preview_links(client):
    draft = make_article(status=Article.Status.DRAFT)
    link = preview_url(draft)
    draft.summary = "Rewritten."
    draft.save()
    assert client.get(link).status_code == 404
    assert client.get(link.replace("shared/", "shared/x")).status_code == 404  # forged


def test_changed_slug_leaves_a_single_301_behind(client, django_capture_on_commit_callbacks):
    article = make_article(slug="sciatica-guide")
    client.get("/articles/sciatica-guide/")  # in the page cache
    article.slug = "sciatica-what-to-expect"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assertRedirects(
        client.get("/articles/sciatica-guide/"),
        "/articles/sciatica-what-to-expect/",
        status_code=301,
    )
    article.slug = "physical-therapy-for-sciatica"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    # Both old addresses go straight to the newest: one hop, never a chain.
    for old in ("/articles/sciatica-guide/", "/articles/sciatica-what-to-expect/"):
        assertRedirects(
            client.get(old), "/articles/physical-therapy-for-sciatica/", status_code=301
        )


def test_scheduled_articles_show_as_scheduled_in_the_admin(client, admin_user):
    make_article(title="Coming next week", publish_at=timezone.now() + timedelta(days=7))
    sign_in_staff(client, admin_user)
    assertContains(client.get("/admin/articles/article/"), "<strong>Scheduled</strong>")


def test_review_due_lists_articles_with_old_or_no_reviews(client, admin_user, settings):
    settings.ARTICLE_REVIEW_DUE_DAYS = 365
    reviewer = make_author(name="Marcus Oyelaran")
    today = timezone.localdate()
    make_article(title="Fresh review", reviewer=reviewer, last_reviewed=today)
    make_article(title="Stale review", reviewer=reviewer, last_reviewed=today - timedelta(days=400))
    make_article(title="Never reviewed")
    sign_in_staff(client, admin_user)
    response = client.get("/admin/articles/article/?review=due")
    assertContains(response, "Stale review")
    assertContains(response, "Never reviewed")
    assertNotContains(response, "Fresh review")


def change_form(article, **changes):
    """The article's admin form as posted: the English version's fields end in _en."""
    return {
        "title_en": article.title,
        "slug_en": article.slug,
        "topic": article.topic_id,
        "author": article.author_id,
        "summary_en": article.summary,
        "body_en": article.body,
        "status": article.status,
        "publish_at_0": "2026-11-20",
        "publish_at_1": "09:00:00",
        "hero_alt_en": "",
        "seo_title_en": "",
        "seo_description_en": "",
        **changes,
    }


def test_editors_can_publish_a_reviewed_article(client, django_user_model):
    sign_in_staff(client, make_staff("editor", "Editors"))
    draft = make_article(
        status=Article.Status.DRAFT, reviewer=make_author(), last_reviewed=timezone.localdate()
    )
    response = client.post(
        f"/admin/articles/article/{draft.pk}/change/", change_form(draft, status="published")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_publishing_without_a_medical_review_needs_a_confirmation(client, django_user_model):
    sign_in_staff(client, make_staff("editor", "Editors"))
    draft = make_article(status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{draft.pk}/change/"
    response = client.post(url, change_form(draft, status="published"))
    assertContains(response, "This article has no medical review.")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    confirmed = client.post(url, change_form(draft, status="published", publish_unreviewed="on"))
    assert confirmed.status_code == 302
    # Asked once, when it goes out: a later correction saves without asking again.
    later = client.post(url, change_form(draft, status="published", summary_en="Corrected."))
    assert later.status_code == 302
    # Readers are told, rather than left to notice a missing line.
    client.logout()
    assertContains(
        client.get(draft.get_absolute_url()), "This article has not been medically reviewed yet."
    )


def test_clinical_reviewers_cannot_publish_but_can_record_their_review(client, django_user_model):
    reviewer_user = make_staff("dr-lee", "Clinical reviewers")
    reviewer = make_author(name="Jordan Lee", credentials="PT, DPT", user=reviewer_user)
    draft = make_article(status=Article.Status.DRAFT)
    sign_in_staff(client, reviewer_user)
    client.post(
        f"/admin/articles/article/{draft.pk}/change/",
        change_form(draft, status="published", summary_en="Corrected summary."),
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT  # the status field is read-only for them
    assert draft.summary == "Corrected summary."

    client.post(
        "/admin/articles/article/", {"action": "record_my_review", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert (draft.reviewer, draft.last_reviewed) == (reviewer, timezone.localdate())


def test_editors_cannot_record_a_medical_review(client, django_user_model):
    sign_in_staff(client, make_staff("editor", "Editors"))
    article = make_article()
    response = client.get("/admin/articles/article/")
    assertNotContains(response, "Record my medical review")
    client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(article, reviewer=make_author().pk, last_reviewed_en="2026-11-01"),
    )
    article.refresh_from_db()
    assert article.reviewer is None


def test_a_new_topic_shows_on_the_site_at_once(client, admin_user):
    sign_in_staff(client, admin_user)
    client.post(
        "/admin/articles/topic/add/",
        {"name_en": "Pelvic Health", "slug": "pelvic-health", "description_en": ""},
    )
    assertContains(client.get("/articles/"), "Pelvic Health")


def test_admin_rejects_a_picture_without_description_unless_decorative(client, admin_user):
    sign_in_staff(client, admin_user)
    article = make_article()
    picture = draw_topic_picture("x", size=(1000, 600))
    upload = io.BytesIO(picture.read())
    upload.name = "hero.jpeg"
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/", change_form(article, hero_image=upload)
    )
    assertContains(response, "Describe the picture, or tick")


@pytest.mark.parametrize("eastern_time", ["09:00", "23:30"])
def test_a_review_is_due_by_the_clinics_calendar_at_any_hour(settings, eastern_time, time_machine):
    # Reviewed exactly a year ago by the Eastern date: not yet due, even at 23:30, when the
    # UTC date is already the next day.
    settings.ARTICLE_REVIEW_DUE_DAYS = 365
    time_machine.move_to(datetime.fromisoformat(f"2026-11-24T{eastern_time}-05:00"), tick=False)
    article = make_article(last_reviewed=datetime(2025, 11, 24).date())
    assert article not in Article.objects.review_due()
    time_machine.shift(timedelta(days=1))
    assert article in Article.objects.review_due()


def test_the_admin_says_in_words_when_readers_see_an_article(client, admin_user):
    sign_in_staff(client, admin_user)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=2))
    response = client.get(f"/admin/articles/article/{scheduled.pk}/change/")
    assertContains(response, "<strong>Scheduled</strong>: it appears on")
    draft = make_article(status=Article.Status.DRAFT)
    response = client.get(f"/admin/articles/article/{draft.pk}/change/")
    assertContains(response, "Not yet: a draft.")
    # "View on site" opens the staff preview of what has no public page yet.
    preview = f"/articles/preview/{draft.pk}/"
    assertContains(
        response, f'<a href="{preview}" class="viewsitelink">View on site</a>', html=True
    )
    assert client.get(preview).status_code == 200


def test_editors_read_and_type_publish_times_in_12_hour_time(client, django_user_model):
    sign_in_staff(client, make_staff("editor", "Editors"))
    evening = timezone.make_aware(datetime(2026, 12, 10, 21, 5))
    draft = make_article(status=Article.Status.DRAFT, publish_at=evening)
    url = f"/admin/articles/article/{draft.pk}/change/"
    assertContains(client.get(url), 'value="09:05 PM"')
    response = client.post(
        url, change_form(draft, publish_at_0="2026-12-11", publish_at_1="2:30 pm")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert timezone.localtime(draft.publish_at).strftime("%Y-%m-%d %H:%M") == "2026-12-11 14:30"
