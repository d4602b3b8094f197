from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.search import refresh_search_index
from tests.factories import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db


def test_draft_articles_are_invisible_to_visitors(client):
    draft = make_article(title="Unfinished thoughts", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/articles/"), "Unfinished thoughts")
    assertNotContains(client.get("/"), "Unfinished thoughts")


def test_scheduled_article_appears_once_its_time_comes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(title="Coming soon", publish_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/articles/"), "Coming soon")

    time_machine.shift(timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 200
    assertContains(client.get("/articles/"), "Coming soon")


def test_article_list_shows_newest_first(client):
    now = timezone.now()
    make_article(title="Written in spring", publish_at=now - timedelta(days=200))
    make_article(title="Written last week", publish_at=now - timedelta(days=7))
    html = client.get("/articles/").content.decode()
    assert html.index("Written last week") < html.index("Written in spring")


def test_article_list_is_paginated(client):
    now = timezone.now()
    for day in range(14):
        make_article(title=f"Article from day {day:02}", publish_at=now - timedelta(days=day))
    first = client.get("/articles/")
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?page=2"')
    second = client.get("/articles/?page=2")
    assertContains(second, "Article from day 13")
    assertNotContains(second, "Article from day 00")


def test_article_body_is_sanitized_when_saved():
    article = make_article(
        body=(
            '<h2 onclick="steal()">Heading</h2><script>alert(1)</script>'
            '<p style="color:red">Text with <a href="javascript:alert(1)">a bad link</a> and '
            '<a href="https://example.org/">a good one</a>.</p><iframe src="https://evil.example"></iframe>'
        )
    )
    article.refresh_from_db()
    assert '<h2 id="heading">Heading</h2>' in article.body
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "style=" not in article.body
    assert "javascript:" not in article.body
    assert "iframe" not in article.body
    assert 'href="https://example.org/"' in article.body


@pytest.mark.parametrize("count", [10, 10_000])
def test_public_article_pages_make_at_most_three_queries(
    client, django_assert_max_num_queries, count, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the pages themselves, as on a page-cache miss
    topic, author = make_topic(slug="back-pain"), make_author()
    Article.objects.bulk_create(
        Article(
            title=f"Bulk {n}",
            slug=f"bulk-{n}",
            topic=topic,
            author=author,
            summary="S",
            body="<p>Stretching helps.</p>",
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(minutes=n),
        )
        for n in range(count)
    )
    refresh_search_index(Article.objects.all())  # bulk_create skips save()
    pages = [
        ("/articles/", "Bulk 0"),
        ("/articles/?page=last", f"Bulk {count - 1}"),
        ("/articles/bulk-7/", "Bulk 7"),
        ("/articles/topics/back-pain/", "Bulk 0"),
        ("/articles/search/?q=stretching", "Bulk 0"),
        ("/", "Bulk 0"),
    ]
    # The shared lists (the footer's clinics, the topics, the people and the newest articles
    # an article page links to, a topic's patient stories) are now cached: they are built once
    # per change, not per page.
    client.get("/articles/")
    client.get("/articles/bulk-1/")
    client.get("/articles/topics/back-pain/")
    for url, text in pages:
        with django_assert_max_num_queries(3):
            assertContains(client.get(url), text)
