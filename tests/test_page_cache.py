"""The page cache: public pages served from the shared cache, changed the moment their content
changes (after the commit) or changes by itself (a scheduled article, a clinic's hours), never
shared when they carry a person's session, CSRF token or CSP nonce."""

from datetime import datetime, timedelta

import pytest
from django.contrib.flatpages.models import FlatPage
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.urls import path as route
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, UrgentCareNotice
from pages.models import HomePage
from tests.factories import (
    make_article,
    make_author,
    make_clinic,
    make_opening_hours,
    make_special_hours,
    make_staff,
    make_topic,
    sign_in_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def midday(time_machine):
    """Noon on a Wednesday, far from any opening, closing or midnight: page lifetimes shrink
    near those (tests that need them move the clock themselves)."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 12, 9, 12, 0)), tick=False)


@pytest.fixture
def content():
    topic = make_topic(name="Back Pain", slug="back-pain")
    article = make_article(
        title="Sitting well at work", slug="sitting", topic=topic, show_urgent_care=True
    )
    clinic = make_clinic(name="Bowie", slug="bowie", phone="+13015550128")
    for weekday in range(7):
        make_opening_hours(clinic, weekday, "08:00", "18:00")
    return {"topic": topic, "article": article, "clinic": clinic}


def cached(client, path):
    """GET twice; the second answer must come from the page cache, without a query."""
    client.get(path)
    return client.get(path)


def test_a_second_visit_is_served_from_the_cache_without_a_query(
    client, content, django_assert_num_queries
):
    first = client.get("/articles/sitting/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/articles/sitting/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == "text/html; charset=utf-8"


def test_shared_caches_may_keep_pages_briefly_and_browsers_revalidate_with_an_etag(client, content):
    response = cached(client, "/articles/")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=5", "stale-while-revalidate=5"} <= directives
    not_modified = client.get("/articles/", headers={"if-none-match": response["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert client.get("/articles/", headers={"if-none-match": '"other"'}).status_code == 200


def _edit_article_title(content):
    content["article"].title = "Sitting well at home"
    content["article"].save()
    return "Sitting well at home"


def _unpublish(content):
    content["article"].status = Article.Status.DRAFT
    content["article"].save()
    return None


def _rename_topic(content):
    content["topic"].name = "Lower back"
    content["topic"].save()
    return "Lower back"


def _rename_author(content):
    author = content["article"].author
    author.name = "Dana Whitfield-Okafor"
    author.save()
    return ">Dana Whitfield-Okafor"


def _new_article_in_the_topic(content):
    make_article(title="Standing desks, honestly", topic=content["topic"])
    return "Standing desks, honestly"  # in the older article's "Related articles" too


def _new_phone(content):
    content["clinic"].phone = "+13015550177"
    content["clinic"].save()
    return "555-0177"


def _closed_tomorrow(content):
    make_special_hours(
        content["clinic"], timezone.localdate() + timedelta(days=1), note="Staff training"
    )
    return "Staff training"


def _later_hours(content):
    content["clinic"].opening_hours.update(closes="19:30")
    content["clinic"].opening_hours.first().save()  # what the admin's inline form does
    return "7:30 pm"


def _urgent_wording(content):
    UrgentCareNotice.objects.update_or_create(pk=1, defaults={"text": "Call 911 for chest pain."})
    return "Call 911 for chest pain."


def _home_headline(content):
    home = HomePage.objects.get()
    home.headline = "Move well again, close to home"
    home.save()
    return "Move well again, close to home"


def _privacy_text(content):
    page = FlatPage.objects.get(url="/privacy/")
    page.content = "<p>We keep requests for 180 days.</p>"
    page.save()
    return "We keep requests for 180 days."


@pytest.mark.parametrize(
    ("change", "paths", "gone"),
    [
        (
            _edit_article_title,
            [
                "/articles/sitting/",
                "/articles/",
                "/articles/topics/back-pain/",
                "/articles/feed/",
                "/",
                "/articles/search/?q=sitting",
            ],
            "Sitting well at work",
        ),
        (
            _unpublish,
            ["/articles/", "/articles/topics/back-pain/", "/articles/feed/", "/sitemap.xml"],
            "Sitting well at work",
        ),
        (_rename_topic, ["/articles/sitting/", "/articles/", "/articles/topics/back-pain/"], None),
        (_rename_author, ["/articles/sitting/"], None),
        (
            _new_article_in_the_topic,
            ["/articles/sitting/", "/articles/", "/articles/topics/back-pain/", "/"],
            None,
        ),
        (_new_phone, ["/locations/bowie/", "/locations/", "/", "/articles/sitting/"], "555-0128"),
        (_closed_tomorrow, ["/locations/bowie/"], None),
        (_later_hours, ["/locations/bowie/"], None),
        (_urgent_wording, ["/articles/sitting/"], None),
        (_home_headline, ["/"], None),
        (_privacy_text, ["/privacy/"], None),
    ],
    ids=lambda v: getattr(v, "__name__", "")[1:] if callable(v) else None,
)
def test_a_change_shows_on_every_affected_page_at_once_after_the_commit(
    client, content, django_capture_on_commit_callbacks, change, paths, gone
):
    for path in paths:
        assert cached(client, path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        shown = change(content)
    for path in paths:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        if shown:
            assertContains(response, shown)
        if gone:
            assertNotContains(response, gone)


def test_a_review_recorded_from_the_article_list_shows_at_once(
    client, content, django_capture_on_commit_callbacks
):
    assertContains(cached(client, "/articles/sitting/"), "has not been medically reviewed yet")
    reviewer_user = make_staff("dr-lee", "Clinical reviewers")
    make_author(name="Jordan Lee", credentials="PT, DPT", user=reviewer_user)
    staff = Client()
    sign_in_staff(staff, reviewer_user)
    with django_capture_on_commit_callbacks(execute=True):
        action = {"action": "record_my_review", "_selected_action": [content["article"].pk]}
        staff.post("/admin/articles/article/", action)
    assertContains(client.get("/articles/sitting/"), ">Jordan Lee, PT, DPT</a> on")


def test_nothing_changes_before_the_transaction_commits(client, content):
    cached(client, "/articles/sitting/")
    content["article"].title = "Sitting well at home"
    content["article"].save()  # not committed yet (the callbacks are not run)
    assertContains(client.get("/articles/sitting/"), "Sitting well at work")


def test_staff_never_get_nor_fill_the_shared_pages(client, content):
    staff = Client()
    sign_in_staff(staff, make_staff("editor", "Editors"))
    assert "X-Page-Cache" not in staff.get("/articles/sitting/")
    assert client.get("/articles/sitting/")["X-Page-Cache"] == "miss"  # staff filled nothing
    assert "X-Page-Cache" not in staff.get("/articles/sitting/")  # nor get what others filled


def test_pages_with_a_csrf_token_or_a_csp_nonce_are_never_shared(client, content):
    forms = [Client().get("/request-appointment/") for _ in range(2)]
    tokens = [r.cookies["csrftoken"].value for r in forms]
    assert tokens[0] != tokens[1]
    assert all("X-Page-Cache" not in r for r in forms)
    sign_ins = [Client().get("/admin/login/") for _ in range(2)]
    policies = [r["Content-Security-Policy"] for r in sign_ins]
    assert "'nonce-" in policies[0] and policies[0] != policies[1]
    assert all("X-Page-Cache" not in r for r in sign_ins)


def page_with_a_nonce(request):
    """A public page with an inline script, as a future page might have: its nonce is drawn."""
    return HttpResponse(
        Template("<script nonce='{{ csp_nonce }}'></script>").render(RequestContext(request))
    )


urlpatterns = [route("with-a-nonce/", page_with_a_nonce)]


@pytest.mark.urls(__name__)
def test_a_public_page_that_drew_a_csp_nonce_is_never_shared(client):
    pages = [Client().get("/with-a-nonce/") for _ in range(2)]
    nonces = [r.content.decode().split("'")[1] for r in pages]
    assert nonces[0] and nonces[0] != nonces[1]
    assert all(
        f"'nonce-{n}'" in r["Content-Security-Policy"] for n, r in zip(nonces, pages, strict=True)
    )
    assert [r.get("X-Page-Cache") for r in pages] == [None, None]


def test_a_scheduled_article_appears_on_the_cached_list_at_its_minute(
    client, content, time_machine
):
    start = timezone.make_aware(datetime(2026, 12, 7, 9, 50))
    time_machine.move_to(start, tick=False)
    make_article(
        title="Desk posture",
        slug="posture",
        topic=content["topic"],
        publish_at=start - timedelta(days=1),
    )
    make_article(
        title="Stretches for long drives",
        slug="drives",
        topic=content["topic"],
        publish_at=start + timedelta(minutes=10),
    )
    for minutes in (0, 9):
        time_machine.move_to(start + timedelta(minutes=minutes), tick=False)
        response = cached(client, "/articles/")
        assertNotContains(response, "Stretches for long drives")
        assert int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 60
        assertNotContains(cached(client, "/articles/posture/"), "Stretches for long drives")
    time_machine.move_to(start + timedelta(minutes=10), tick=False)
    # The last: the older article's "Related articles".
    for path in (
        "/articles/",
        "/articles/topics/back-pain/",
        "/articles/feed/",
        "/",
        "/articles/posture/",
    ):
        assertContains(client.get(path), "Stretches for long drives")


def test_a_cached_clinic_page_says_closed_one_minute_after_closing(client, content, time_machine):
    closing = timezone.make_aware(datetime(2026, 12, 8, 18, 0))  # a Tuesday, 6 pm
    time_machine.move_to(closing - timedelta(minutes=2), tick=False)
    assertContains(cached(client, "/locations/bowie/"), "Open now · closes 6 pm")
    time_machine.move_to(closing + timedelta(minutes=1), tick=False)
    assertContains(client.get("/locations/bowie/"), "Closed · opens tomorrow 8 am")
    time_machine.move_to(closing.replace(hour=23, minute=59), tick=False)
    cached(client, "/locations/bowie/")
    time_machine.move_to(closing.replace(hour=23, minute=59) + timedelta(minutes=2), tick=False)
    assertContains(client.get("/locations/bowie/"), "Closed · opens at 8 am")


def test_a_host_django_refuses_gets_400_from_the_cache_too(client, content):
    client.get("/articles/sitting/")  # cached for the site's own host
    response = client.get("/articles/sitting/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_tracking_parameters_share_the_page_and_never_reach_its_links(client, content):
    for n in range(13):
        make_article(title=f"Filler {n}", slug=f"filler-{n}")
    assert client.get("/articles/")["X-Page-Cache"] == "miss"
    from_newsletter = client.get("/articles/?utm_source=newsletter&utm_medium=email&fbclid=x1")
    assert from_newsletter["X-Page-Cache"] == "hit"
    from_ads = client.get("/articles/?gclid=abc&page=2&mc_cid=9")
    assert from_ads["X-Page-Cache"] == "miss"
    assertContains(from_ads, 'href="?page=1"')
    assertNotContains(from_ads, "gclid")
    assert client.get("/articles/?page=2")["X-Page-Cache"] == "hit"


def test_parameters_in_another_order_are_the_same_page(client, content):
    assert client.get("/articles/search/?q=sitting&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/articles/search/?page=1&q=sitting")["X-Page-Cache"] == "hit"


def test_a_parameter_no_page_reads_is_drawn_but_never_stored(client, content):
    for n in range(3):
        response = client.get(f"/articles/sitting/?anything={n}")
        assertContains(response, "Sitting well at work")
        assert response["X-Page-Cache"] == "bypass"
    assert client.get("/articles/sitting/")["X-Page-Cache"] == "miss"
