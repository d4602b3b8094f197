"""Search that forgives misspellings, cannot be used to wear the site down, and tells editors
what readers look for."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, SearchCount
from articles.search_counts import move_search_counts
from core.task_worker import Heartbeat, every
from tests.factories import make_article, make_staff, make_topic, sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic_articles():
    make_article(
        title="Physical therapy for sciatica",
        summary="Leg pain that starts in the back.",
        body="<p>Sciatica is pain along the sciatic nerve. Back pain often comes first.</p>",
    )
    make_article(title="Lifting without back pain", body="<p>Bend your knees, keep it close.</p>")
    make_article(
        title="Heel pain: plantar fasciitis",
        body="<p>The plantar fascia under the foot is sore in the morning.</p>",
    )
    make_article(title="Desk neck", body="<p>A plan for your screen and your chair.</p>")


def shown(response):
    return [article.title for article in response.context["articles"]]


@pytest.mark.parametrize(
    ("typed", "meant", "titles"),
    [
        ("sciatca", "sciatica", ["Physical therapy for sciatica"]),
        ("back pian", "back pain", ["Lifting without back pain", "Physical therapy for sciatica"]),
        ("planter fasciitis", "plantar fasciitis", ["Heel pain: plantar fasciitis"]),
    ],
)
def test_a_misspelt_search_shows_what_the_reader_meant(
    client, clinic_articles, typed, meant, titles
):
    response = client.get("/articles/search/", {"q": typed})
    assert sorted(shown(response)) == titles
    assertContains(response, f"Showing results for <strong>{meant}</strong>")
    as_typed = re.search(r'href="([^"]*as_typed=1[^"]*)"', response.content.decode()).group(1)
    original = client.get(as_typed.replace("&amp;", "&"))
    assert shown(original) == []
    assertContains(original, "No articles match")


def test_pain_beats_plan_because_more_articles_hold_it(client, clinic_articles):
    make_article(title="Another pain article", body="<p>Pain, again.</p>")
    response = client.get("/articles/search/", {"q": "pian"})
    assert response.context["terms"] == "pain"


def test_a_search_that_finds_articles_is_not_corrected(client, clinic_articles):
    response = client.get("/articles/search/", {"q": "sciatica"})
    assert shown(response) == ["Physical therapy for sciatica"]
    assertNotContains(response, "Showing results for")


def test_no_correction_is_offered_from_a_draft_s_words(client, clinic_articles):
    make_article(title="Osteoporosis", status=Article.Status.DRAFT)
    response = client.get("/articles/search/", {"q": "osteoporsis"})
    assert shown(response) == []
    assertNotContains(response, "Showing results for")
    assertNotContains(response, "osteoporosis")


def test_the_vocabulary_follows_edits_and_deletes(client, clinic_articles):
    heel = Article.objects.get(title__startswith="Heel")
    heel.title, heel.body = "Morning foot pain", "<p>Stretch the calf.</p>"
    heel.save()
    assertNotContains(client.get("/articles/search/", {"q": "planter"}), "Showing results for")
    cache.clear()
    assert shown(client.get("/articles/search/", {"q": "strech"})) == ["Morning foot pain"]
    heel.delete()
    cache.clear()
    assertNotContains(client.get("/articles/search/", {"q": "strech"}), "Showing results for")


def test_search_costs_a_constant_number_of_queries(
    client, clinic_articles, django_assert_max_num_queries
):
    client.get("/articles/search/", {"q": "warm-up"})  # the shared lists, filled once
    for many in (30, 60):
        for n in range(30):
            make_article(title=f"Back care {many} {n}", body="<p>Back pain, sciatica.</p>")
        cache.clear()
        client.get("/articles/search/", {"q": "knees"})
        # SQLite: the words' vocabulary, the page and its count, the cards. PostgreSQL: the page
        # (and its count when there is more than a page).
        with django_assert_max_num_queries(3):
            client.get("/articles/search/", {"q": "fasciitis"})
        with django_assert_max_num_queries(3):
            client.get("/articles/search/", {"q": "back"})
        # SQLite: the vocabulary (which says "planter" matches nothing), the corrected page, the
        # cards. PostgreSQL: nothing, the vocabulary, the corrected page.
        with django_assert_max_num_queries(3):
            client.get("/articles/search/", {"q": "planter"})
        with django_assert_max_num_queries(4):
            client.get("/articles/search/", {"q": "sciatca"})


def test_a_later_page_of_a_corrected_search_continues_it(client, clinic_articles):
    for n in range(14):
        make_article(title=f"Sciatica, part {n}")
    first = client.get("/articles/search/", {"q": "sciatca"})
    assert len(shown(first)) == 12
    second = client.get("/articles/search/", {"q": "sciatca", "page": 2})
    assert len(shown(second)) == 3
    assertContains(second, "Showing results for <strong>sciatica</strong>")


def test_too_many_searches_from_one_address_get_a_page_asking_to_wait(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 3
    make_article(title="Knee pain")
    for n in range(3):
        assert client.get("/articles/search/", {"q": f"knee {n}"}).status_code == 200
    limited = client.get("/articles/search/", {"q": "knee 4"})
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assertContains(limited, "Please wait a minute before searching again", status_code=429)
    assertContains(limited, "Browse by topic", status_code=429)
    # Someone else is not held back, and a search already in the page cache costs nothing.
    assert (
        client.get("/articles/search/", {"q": "knee 5"}, REMOTE_ADDR="10.1.1.1").status_code == 200
    )
    assert client.get("/articles/search/", {"q": "knee 0"}).status_code == 200


def test_searches_are_cached_apart_from_the_pages_and_not_by_the_front_cache(client):
    make_article(title="Knee pain")
    response = client.get("/articles/search/", {"q": "knee"})
    assert response["X-Page-Cache"] == "miss"
    assert "s-maxage=0" in response["Cache-Control"]
    assert "X-Search-Found" not in response  # the counting middleware's, taken off
    assert client.get("/articles/search/", {"q": "knee"})["X-Page-Cache"] == "hit"
    caches["typed_pages"].clear()  # gone from its own space: drawn again, so never shared
    assert client.get("/articles/search/", {"q": "knee"})["X-Page-Cache"] == "miss"


def test_a_flood_of_made_up_searches_stays_within_its_own_bound(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 0
    typed_pages = caches["typed_pages"]
    typed_pages._max_entries = 20
    typed_pages._cull_frequency = 2
    make_article(title="Knee pain")
    assert client.get("/articles/")["X-Page-Cache"] == "miss"
    for n in range(60):
        client.get("/articles/search/", {"q": f"made up {n}"})
    assert len(typed_pages._cache) <= 20
    assert client.get("/articles/")["X-Page-Cache"] == "hit"


def search_three_times(client, typed):
    for _ in range(3):
        client.get("/articles/search/", {"q": typed})


def test_editors_see_what_readers_searched_for_and_what_found_nothing(client, clinic_articles):
    search_three_times(client, "Frozen shoulder")  # nothing: a page from the cache after the first
    search_three_times(client, "sciatica")
    client.get("/articles/search/", {"q": "Jane Doe 410 555 0199"})  # once: never kept
    client.get("/articles/search/", {"q": "Jane Doe 410 555 0199"})
    assert move_search_counts() == 2
    editor = make_staff("editor", "Editors")
    sign_in_staff(client, editor)
    page = client.get("/admin/articles/searchcount/")
    html = page.content.decode()
    nothing = html.split("Searches that found nothing")[1].split("Most searched")[0]
    assert re.search(r"<td>frozen shoulder</td><td class=\"numeric\">3</td>", nothing)
    assert "sciatica" not in nothing
    assert 'sciatica</td><td class="numeric">3' in html.split("Most searched")[1]
    assert "jane" not in html.lower()
    assertContains(page, "/admin/articles/article/add/?title_en=frozen+shoulder")
    assertContains(client.get("/admin/"), "/admin/articles/searchcount/")


def test_counts_move_again_without_counting_twice(client, clinic_articles):
    search_three_times(client, "frozen shoulder")
    move_search_counts()
    client.get("/articles/search/", {"q": "frozen shoulder"})
    move_search_counts()
    assert SearchCount.objects.get(query="frozen shoulder").count == 4


def test_nothing_is_counted_while_the_shared_cache_is_down(client, clinic_articles, monkeypatch):
    with monkeypatch.context() as outage:
        outage.setattr("articles.search_counts.shared_cache_available", lambda: False)
        search_three_times(client, "frozen shoulder")
    move_search_counts()
    assert not SearchCount.objects.exists()


def test_old_weeks_are_deleted_after_the_retention_period(settings):
    settings.SEARCH_COUNT_RETENTION_DAYS = 30
    today = timezone.localdate()
    SearchCount.objects.create(week=today - timedelta(days=60), query="old", found=True, count=5)
    SearchCount.objects.create(week=today - timedelta(days=7), query="recent", found=True, count=5)
    move_search_counts()
    assert list(SearchCount.objects.values_list("query", flat=True)) == ["recent"]


def test_the_worker_moves_the_counts_at_its_heartbeat(client, clinic_articles, monkeypatch):
    monkeypatch.setattr("core.task_worker._every", [])
    every(0, move_search_counts)
    search_three_times(client, "frozen shoulder")
    Heartbeat("test-worker").run_what_is_due()
    assert SearchCount.objects.get().query == "frozen shoulder"


def suggested(client, typed):
    return [
        (s["label"], s["kind"])
        for s in client.get("/articles/search/suggestions/", {"q": typed}).json()["suggestions"]
    ]


def test_suggestions_are_published_titles_and_topics_starting_with_the_words_typed(
    client, clinic_articles
):
    make_article(title="Back to the garden", status=Article.Status.DRAFT)
    back_topic = make_article(title="Posture", topic=make_topic(name="Back Pain")).topic
    assert suggested(client, "s") == []  # one letter suggests nothing yet
    assert suggested(client, "sciat") == [("Physical therapy for sciatica", "Article")]
    assert suggested(client, "back pa") == [
        ("Back Pain", "Topic"),
        ("Lifting without back pain", "Article"),
    ]
    assert ("Back to the garden", "Article") not in suggested(client, "back")
    response = client.get("/articles/search/suggestions/", {"q": "back"})
    assert response.json()["suggestions"][0]["url"] == back_topic.get_absolute_url()
    assert "s-maxage=0" in response["Cache-Control"]  # kept apart like the searches


def test_suggestions_cost_one_query(client, clinic_articles, django_assert_num_queries):
    suggested(client, "warm up")  # the shared topic list, filled once
    with django_assert_num_queries(1):
        suggested(client, "plant")


def test_front_desk_staff_do_not_see_what_readers_searched_for(client):
    SearchCount.objects.create(week=timezone.localdate(), query="knee", found=True, count=3)
    sign_in_staff(client, make_staff("desk", "Front desk"))
    assert client.get("/admin/articles/searchcount/").status_code == 403
    assertNotContains(client.get("/admin/"), "/admin/articles/searchcount/")


def test_a_word_the_articles_hold_only_in_another_form_is_found_not_corrected(client):
    make_article(title="Stretching your calves", body="<p>Hold each stretch.</p>")
    response = client.get("/articles/search/", {"q": "stretched"})
    assert shown(response) == ["Stretching your calves"]
    assertNotContains(response, "Showing results for")
